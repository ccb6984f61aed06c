"""The Mesa model: ``PartnershipModel`` and its agents."""

from simulator.model.agents import BKM, Firm, GovernmentAgency, Partner
from simulator.model.model import PartnershipModel

__all__ = ["BKM", "Firm", "GovernmentAgency", "Partner", "PartnershipModel"]
