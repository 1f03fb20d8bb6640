"""Background work of cross-referencing."""

from django_tasks import task

from paccto.xref import services
from paccto.xref.models import XrefRun


@task()
def xref_run_task(run_id: int) -> str:
    """Compare a dataset and queue its candidate pairs."""
    run = XrefRun.objects.select_related("created_by", "left_batch", "right_batch").get(pk=run_id)
    return services.xref_run_execute(run=run).status
