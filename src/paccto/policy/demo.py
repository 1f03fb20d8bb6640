"""Synthetic demonstration data of the policy cycle: a 2024-2027 cycle with a priority per
criminal market, threat assessments, two operational action plans with actions in several
countries and indicator entries, so that the dashboards and the public statistics have
something to show. Every figure is invented."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

DEMO_CYCLE = "EU-LAC 2024-2027"

# Plausible, invented figures per country for the drug plan's joint action days.
DRUG_FIGURES = {
    "CO": {"arrests": 46, "investigations_opened": 18, "cocaine": "2310.5", "cash": "840000"},
    "ES": {"arrests": 31, "investigations_opened": 12, "cocaine": "1480", "cash": "1250000"},
    "BR": {"arrests": 27, "investigations_opened": 9, "cocaine": "960.25", "cash": "410000"},
    "MX": {"arrests": 22, "investigations_opened": 7, "cocaine": "540", "cash": "290000"},
}
VICTIMS = {
    "ES": {("female", "minor"): 3, ("female", "youth"): 14, ("female", "adult"): 9},
    "CO": {("female", "youth"): 21, ("male", "youth"): 6, ("female", "minor"): 7},
    "MX": {("female", "adult"): 12, ("male", "minor"): 2},
}


def demo_policy_seed() -> str | None:
    """The demo cycle, made once through the services (audited like any other write);
    returns its name, or None when it exists already or the demo accounts are missing."""
    from django.db import transaction

    from paccto.accounts.models import User
    from paccto.core.choices import CriminalMarket
    from paccto.core.permissions import actor_for
    from paccto.policy import services
    from paccto.policy.models import PolicyCycle
    from paccto.policy.services import EntryData

    names = ("admin", "co.policy", "es.policy", "mx.policy", "br.policy")
    users = {u.username: u for u in User.objects.filter(username__in=names)}
    if len(users) != len(names) or PolicyCycle.objects.filter(name=DEMO_CYCLE).exists():
        return None
    admin = actor_for(users["admin"])
    coordinators = {code: actor_for(users[f"{code.lower()}.policy"]) for code in DRUG_FIGURES}
    with transaction.atomic():
        cycle = services.cycle_create(
            actor=admin,
            name=DEMO_CYCLE,
            start_date=date(2024, 1, 1),
            end_date=date(2027, 12, 31),
            status="active",
            description="Synthetic demonstration cycle of the EU-LAC cooperation.",
        )
        priorities = {}
        for rank, market in enumerate(CriminalMarket, start=1):
            priorities[market.value] = services.priority_create(
                actor=admin,
                cycle=cycle,
                criminal_market=market.value,
                title=str(market.label),
                rank=rank,
            )
        goal = services.goal_create(
            actor=admin,
            priority=priorities["drugs"],
            code="SG1",
            title="Dismantle the networks shipping cocaine through ports",
        )
        drugs = services.plan_create(
            actor=admin,
            priority=priorities["drugs"],
            code="OAP-DRUGS-2025",
            title="Cocaine through maritime containers",
            driver="CO",
            co_drivers=["ES"],
            participants=["BR", "MX", "PT", "NL"],
            goal_ids=[goal.pk],
        )
        thb = services.plan_create(
            actor=admin,
            priority=priorities["thb"],
            code="OAP-THB-2025",
            title="Sexual exploitation of women and minors",
            driver="ES",
            co_drivers=["CO"],
            participants=["MX", "AR"],
        )
        co = coordinators["CO"]
        es = coordinators["ES"]
        days = services.action_create(
            actor=co,
            plan=drugs,
            code="1.1",
            title="Joint action days in ports",
            leader_country="CO",
            start_date=date(2024, 3, 1),
            end_date=date(2025, 11, 30),
            status="completed",
        )
        services.action_create(
            actor=co,
            plan=drugs,
            code="1.2",
            title="Financial investigations of exchange houses",
            leader_country="ES",
            start_date=date(2025, 1, 1),
            end_date=date(2026, 12, 31),
            status="ongoing",
        )
        services.action_create(
            actor=co,
            plan=drugs,
            code="1.3",
            title="Training of port container-control units",
            leader_country="BR",
            start_date=date(2026, 1, 1),
            end_date=date(2027, 6, 30),
        )
        victims = services.action_create(
            actor=es,
            plan=thb,
            code="2.1",
            title="Identification of victims in online advertising",
            leader_country="ES",
            start_date=date(2024, 6, 1),
            end_date=date(2026, 6, 30),
            status="ongoing",
        )
        for year in (2024, 2025):
            share = Decimal(1) if year == 2025 else Decimal("0.6")
            for code, figures in DRUG_FIGURES.items():
                actor = coordinators[code]
                period = {"period_start": date(year, 1, 1), "period_end": date(year, 12, 31)}
                for kind in ("arrests", "investigations_opened"):
                    n = int(figures[kind] * share)
                    sexes = (("male", "adult", n * 2 // 3), ("female", "youth", n - n * 2 // 3))
                    if kind == "arrests":
                        for sex, age, value in sexes:
                            services.indicator_entry_create(
                                actor=actor,
                                action=days,
                                data=EntryData(
                                    kind=kind,
                                    unit="count",
                                    value=value,
                                    sex=sex,
                                    age_group=age,
                                    **period,
                                ),
                            )
                    else:
                        services.indicator_entry_create(
                            actor=actor,
                            action=days,
                            data=EntryData(kind=kind, unit="count", value=n, **period),
                        )
                services.indicator_entry_create(
                    actor=actor,
                    action=days,
                    data=EntryData(
                        kind="drugs_seized",
                        unit="kg",
                        value=(Decimal(figures["cocaine"]) * share).quantize(Decimal("0.01")),
                        drug_type="cocaine",
                        **period,
                    ),
                )
                services.indicator_entry_create(
                    actor=actor,
                    action=days,
                    data=EntryData(
                        kind="cash_seized",
                        unit="eur",
                        value=(Decimal(figures["cash"]) * share).quantize(Decimal("0.01")),
                        **period,
                    ),
                )
                services.indicator_entry_create(
                    actor=actor,
                    action=days,
                    data=EntryData(kind="joint_action_days", unit="days", value=3, **period),
                )
        for code, cells in VICTIMS.items():
            for (sex, age), n in cells.items():
                services.indicator_entry_create(
                    actor=coordinators[code],
                    action=victims,
                    data=EntryData(
                        kind="victims_identified",
                        unit="count",
                        value=n,
                        sex=sex,
                        age_group=age,
                        period_start=date(2025, 1, 1),
                        period_end=date(2025, 12, 31),
                    ),
                )
        answers = {
            "CO": {"scale": 4, "harm": 4, "transnational": 4, "capability": 3, "proceeds": 4},
            "ES": {"scale": 3, "harm": 3, "transnational": 4, "capability": 3, "proceeds": 4},
            "MX": {"scale": 4, "harm": 4, "transnational": 3, "capability": 4, "proceeds": 4},
        }
        for code, given in answers.items():
            services.assessment_save(
                actor=coordinators[code],
                cycle=cycle,
                criminal_market="drugs",
                answers={**given, "trend": 3},
                submit=True,
            )
            services.assessment_save(
                actor=coordinators[code],
                cycle=cycle,
                criminal_market="thb",
                answers={k: max(0, v - 1) for k, v in {**given, "trend": 2}.items()},
                submit=True,
            )
    return cycle.name
