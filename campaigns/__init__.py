"""Campaigns: prospects grouped by tier for one industry's agent, imported, exported, tracked.

    schemas     request/response models, status transitions
    service     create, list, read with stats, update, add prospects (analysed), list a tier
    csv_import  CSV import from Clay or a CRM (aliases, BOM, per-row errors)
    export      CSV for a sending tool (generic, Instantly, Smartlead) with tracking embedded
    pipeline    the complete pipeline and content batches (job kind `pipeline`): create the campaign
                through `service`, analyse, write content, optionally push to Clay
    router      /api/campaigns routes (the pipeline's route is in jobs/router.py)

May import: `core`, `models`, `schemas`, `settings`, `database_async`, `jobs`, `llm`, the analysis
(`prospect_intelligence`, `scoring`, `intelligence`), content (`content_generator`), `industry_agents`,
`tracking` (links embedded in exports). `campaigns.service` owns membership (`attach`, `upsert_members`)
and a campaign's own tier thresholds (`campaign_tier`); the owned-campaign lookup is `core.sql`.
"""

from campaigns.csv_import import UnsupportedMediaType, import_csv
from campaigns.export import ExportFile, Tool, export_campaign
from campaigns.schemas import (
    AddRead,
    CampaignCreate,
    CampaignDetail,
    CampaignRead,
    CampaignStatusName,
    CampaignUpdate,
    ImportRead,
    ProspectsAdd,
    TierProspectRead,
)
from campaigns.service import (
    add_prospects,
    create_campaign,
    get_campaign,
    list_campaigns,
    list_tier,
    update_campaign,
)

__all__ = [
    "AddRead",
    "CampaignCreate",
    "CampaignDetail",
    "CampaignRead",
    "CampaignStatusName",
    "CampaignUpdate",
    "ExportFile",
    "ImportRead",
    "ProspectsAdd",
    "TierProspectRead",
    "Tool",
    "UnsupportedMediaType",
    "add_prospects",
    "create_campaign",
    "export_campaign",
    "get_campaign",
    "import_csv",
    "list_campaigns",
    "list_tier",
    "update_campaign",
]
