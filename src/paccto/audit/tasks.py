"""Background work of the audit log."""

from django_tasks import task

from paccto.audit.services import audit_checkpoint_write


@task()
def audit_checkpoint_task() -> int | None:
    """Sign the head of the chain."""
    checkpoint = audit_checkpoint_write()
    return checkpoint.seq if checkpoint else None
