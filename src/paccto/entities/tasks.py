"""Background work of the entity store: checking and importing files."""

from django_tasks import task

from paccto.entities import services
from paccto.entities.models import ImportBatch


@task()
def import_validate_task(batch_id: int) -> str:
    """Check every row of an uploaded file."""
    batch = ImportBatch.objects.get(pk=batch_id)
    return services.import_batch_validate(batch=batch).status


@task()
def import_run_task(batch_id: int) -> str:
    """Import the valid rows of a checked file."""
    batch = ImportBatch.objects.select_related("created_by").get(pk=batch_id)
    return services.import_batch_run(batch=batch).status
