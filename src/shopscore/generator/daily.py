"""`--daily`: every event table delivered as `dt=YYYY-MM-DD/` partitions of the rows created or changed that day.

A row of the export (the non-daily generation: the state at the end of end_date) becomes one *version* per
local date on which one of its timestamps falls. The version of day D carries only what was known by the
end of D (SPEC §11): a timestamp on a later date is NULL, and a status that a later timestamp decides
shows its earlier value. So no row of partition D has an event timestamp on or after D + 1 day (a
deadline, tickets.due_at, may lie ahead), and the version
of the row's last date is the exported row itself.

Per table (SPEC §2 columns):
  arrives   timestamps a row is first delivered with: its first partition is the date of the latest of
            them
  changes   timestamps set later: NULL in the versions before their date, and each adds a version on its
            date (if that date is after the arrival date)
  derived   columns that follow the masked timestamps (status 'open' / outcome 'pending' until decided)

Decisions (no timestamp in the raw contract says when):
  after_sales   'rejected' and 'cancelled' carry no timestamp but applied_at (the generator never approves,
                returns or completes them), so applied_at decides them: they arrive rejected or cancelled.
                'completed' shows 'open' until completed_at; 'open' stays 'open'.
  interventions responsible_party and refund_succeeded are NULL until decided_at.
  appeals       outcome 'pending' until decided_at.
  complaints    status 'pending' until decided_at.
  tickets       due_at is a deadline set when the ticket is created, not an event: a ticket arrives on its
                created day carrying its (future) due time, so that a score date that counts tickets by
                created_at sees every ticket created before it; staging exempts deadlines from the load
                cut-off. (The export leaves out tickets due after end_date, as before.)
Immutable tables (help_requests, chat_messages, reviews, malicious_buyers) have no `changes`: one version,
in the partition of their timestamp's date. categories and shops are not versioned (their status and
category carry no timestamp): they stay single snapshot files.

Every timestamp of the export is at or before the cut-off (the end of end_date), so no version falls after
end_date. malicious_buyers (flagged up to 30 days before the first day) and program_enrollments (enrolled
up to 60 days before) have partitions before the first order day: history the platform had already.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Versioning:
    """How one table's rows become daily versions (see the module docstring)."""

    arrives: tuple[str, ...]
    changes: tuple[str, ...] = ()
    derived: dict[str, str] = field(default_factory=dict)


VERSIONING: dict[str, Versioning] = {
    "orders": Versioning(("created_at",), ("paid_at", "grouped_at", "cancelled_at")),
    "shipments": Versioning(("shipped_at",), ("picked_up_at", "signed_at", "received_confirmed_at")),
    "help_requests": Versioning(("created_at",)),
    "chat_messages": Versioning(("sent_at",)),
    "after_sales": Versioning(
        ("applied_at",), ("merchant_approved_at", "return_signed_at", "refund_approved_at", "completed_at"),
        {"status": "case when status = 'completed' and completed_at is null then 'open' else status end"},
    ),
    "interventions": Versioning(
        ("opened_at",), ("decided_at",),
        {"responsible_party": "case when decided_at is not null then responsible_party end",
         "refund_succeeded": "case when decided_at is not null then refund_succeeded end"},
    ),
    "appeals": Versioning(
        ("submitted_at",), ("decided_at",), {"outcome": "case when decided_at is null then 'pending' else outcome end"},
    ),
    "complaints": Versioning(
        ("created_at",), ("decided_at",), {"status": "case when decided_at is null then 'pending' else status end"},
    ),
    # due_at is a deadline set at creation (in the future by nature), not an event: a ticket arrives on the
    # day it is created, carrying its due time (staging exempts deadlines from the load cut-off).
    "tickets": Versioning(("created_at",), ("completed_at",)),
    "reviews": Versioning(("created_at",)),
    "malicious_buyers": Versioning(("flagged_at",)),
    "program_enrollments": Versioning(("enrolled_at",), ("exited_at",)),
}

# Tables written as one snapshot file outside partitions, in both modes.
SNAPSHOT_TABLES: frozenset[str] = frozenset({"categories", "shops"})


def versions_sql(table: str, base: str) -> str:
    """A select over `base` (the export: contract columns, `_dt`, `_ord`) giving one row per key and version.

    `_dt` becomes the version's date; `_ord` is kept, so (`_dt`, `_ord`) orders the rows totally (a key has
    at most one version per date).
    """
    v = VERSIONING[table]
    dates = [f"cast({c} as date)" for c in v.arrives]
    first = dates[0] if len(dates) == 1 else f"greatest({', '.join(dates)})"
    if not v.changes:
        return f"select * exclude (_dt), {first} as _dt from {base}"
    candidates = ", ".join(["_first"] + [f"cast({c} as date)" for c in v.changes])
    # Most rows change only on the day they arrive (an order paid and grouped within minutes): one version,
    # without the (slower) list of dates.
    one_day = " and ".join(f"coalesce(cast({c} as date) <= _first, true)" for c in v.changes)
    masked = ", ".join(f"case when {c} < _dt + interval 1 day then {c} end as {c}" for c in v.changes)
    derived = ", ".join(f"{expression} as {column}" for column, expression in v.derived.items())
    final = f"select * replace ({derived}) from masked" if derived else "select * from masked"
    return f"""
    with arrived as (
        select * exclude (_dt), {first} as _first from {base}
    ),
    versions as (
        select * exclude (_first), _first as _dt from arrived where {one_day}
        union all
        select * exclude (_first), unnest(list_distinct(list_filter([{candidates}], d -> d >= _first))) as _dt
        from arrived where not ({one_day})
    ),
    masked as (
        select * replace ({masked}) from versions
    )
    {final}
    """
