"""Built-in industry knowledge for the rules engine: one `AgentProfile` per industry.

This is data, written the way an experienced outbound rep would brief a new hire: who buys, what
keeps them up at night, the words they use, and what they push back with. Every string here may end
up in an email, so none of it is placeholder text. Keywords are lower-case because the scorer matches
them against lower-cased prospect text. One module per industry keeps each file reviewable.
"""

from __future__ import annotations

from industry_agents.knowledge import (
    casino,
    ecommerce,
    financial_services,
    healthcare_clinic,
    hotel,
    manufacturing,
    professional_services,
    real_estate,
    restaurant,
    saas,
)
from schemas import AgentProfile

BUILTIN: dict[str, AgentProfile] = {
    module.PROFILE.industry: module.PROFILE
    for module in (
        casino,
        hotel,
        restaurant,
        healthcare_clinic,
        saas,
        ecommerce,
        financial_services,
        real_estate,
        manufacturing,
        professional_services,
    )
}

__all__ = ["BUILTIN"]
