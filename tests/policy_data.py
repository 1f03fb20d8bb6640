"""Records of the policy-cycle tests: a 2024-2027 cycle with a drugs priority and plan
driven by Colombia, co-driven by Spain, with Brazil and Portugal taking part; one action led
by Brazil; policy coordinators of Colombia, Spain, Brazil and France (France takes no part)."""

from __future__ import annotations

from datetime import date

from paccto.core.choices import Role
from paccto.core.permissions import actor_for
from tests.factories import make_user


def coordinator(country: str, username: str):
    return make_user(country, "ministry", (Role.POLICY_COORDINATOR,), username=username)


def policy_records(admin_user=None) -> dict:
    from paccto.policy import services
    from paccto.policy.services import EntryData

    admin = actor_for(
        admin_user or make_user("ES", "ministry", (Role.PLATFORM_ADMIN,), username="pol.root")
    )
    co = coordinator("CO", "co.pc")
    es = coordinator("ES", "es.pc")
    br = coordinator("BR", "br.pc")
    fr = coordinator("FR", "fr.pc")
    cycle = services.cycle_create(
        actor=admin,
        name="2024-2027",
        start_date=date(2024, 1, 1),
        end_date=date(2027, 12, 31),
        status="active",
    )
    priority = services.priority_create(
        actor=admin, cycle=cycle, criminal_market="drugs", title="Cocaine"
    )
    plan = services.plan_create(
        actor=admin,
        priority=priority,
        code="OAP-1",
        title="Containers",
        driver="CO",
        co_drivers=["ES"],
        participants=["BR", "PT"],
    )
    action = services.action_create(
        actor=actor_for(co),
        plan=plan,
        code="1.1",
        title="Joint action days",
        leader_country="BR",
        start_date=date(2024, 3, 1),
        end_date=date(2025, 6, 30),
    )
    entry = services.indicator_entry_create(
        actor=actor_for(co),
        action=action,
        data=EntryData(
            kind="arrests",
            unit="count",
            value=12,
            period_start=date(2024, 1, 1),
            period_end=date(2024, 12, 31),
            sex="male",
            age_group="adult",
        ),
    )
    return {
        "cycle": cycle,
        "priority": priority,
        "plan": plan,
        "policy_action": action,
        "entry": entry,
        "co_pc": co,
        "es_pc": es,
        "br_pc": br,
        "fr_pc": fr,
        "policy_admin": admin,
    }
