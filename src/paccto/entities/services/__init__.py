"""Writes to the entity store (the only code that writes): records and links, imports, and
merges. Every write keeps history and is audited in its transaction."""

from paccto.entities.services.importing import (
    IMPORT_CHUNK,
    import_batch_confirm,
    import_batch_create,
    import_batch_discard,
    import_batch_map,
    import_batch_run,
    import_batch_validate,
)
from paccto.entities.services.merging import entity_merge, entity_unmerge
from paccto.entities.services.records import (
    FLAGS,
    PROVENANCE_FIELDS,
    entity_consult,
    entity_create,
    entity_export_record,
    entity_search_record,
    entity_update,
    link_create,
)

__all__ = [
    "FLAGS",
    "IMPORT_CHUNK",
    "PROVENANCE_FIELDS",
    "entity_consult",
    "entity_create",
    "entity_export_record",
    "entity_merge",
    "entity_search_record",
    "entity_unmerge",
    "entity_update",
    "import_batch_confirm",
    "import_batch_create",
    "import_batch_discard",
    "import_batch_map",
    "import_batch_run",
    "import_batch_validate",
    "link_create",
]
