"""The SQL that generates the synthetic platform, vectorised in DuckDB.

Randomness is `hash(key, salt, seed)` mapped to [0, 1) (macro `u`), so every value is a pure function of
(seed, entity key, salt): no random(), no row-order dependence, and the same arguments give the same data
whatever the thread count. Internal tables (`g_*`) hold integer keys and timestamps as epoch seconds;
the output views (`out_*`) format ids and convert to contract types.

Time model: the data is an export taken at the end of `end_date` (the cut-off second). Anything that
would happen later is not there yet: its row is absent (if its creating timestamp is later) or the
timestamp is NULL and the status says so (an after-sale completed later is still 'open').
"""

from __future__ import annotations

from dataclasses import dataclass

from shopscore.generator import catalog as cat

# Orders per shop per active day, on average, when --orders is not given.
DEFAULT_ORDERS_PER_SHOP_DAY = 4.0
# One buyer in this many is a malicious buyer (flagged at some date).
MALICIOUS_EVERY = 397
MALICIOUS_OFFSET = 11
DAY = 86400
HOUR = 3600


@dataclass(frozen=True)
class Params:
    """Numbers substituted into the SQL (all plain integers, so f-string substitution is safe)."""

    seed: int
    shops: int
    days: int
    e0: int  # epoch seconds of the first day's 00:00 (naive local time treated as UTC for arithmetic)
    cutoff: int  # the last second of end_date


def macros(p: Params) -> list[str]:
    """Hash-based random helpers; `u(k, s)` is uniform in [0, 1) for key k and salt s."""
    return [
        f"create or replace macro u(k, s) as (hash(k, s, {p.seed}::bigint) >> 11)::double / 9007199254740992.0",
        "create or replace macro nrm(k, s) as sqrt(-2.0 * ln(1.0 - u(k, s))) * cos(2.0 * pi() * u(k, s + 50000))",
        "create or replace macro expo(k, s) as -ln(1.0 - u(k, s))",
        "create or replace macro pick(lst, k, s) as lst[1 + floor(u(k, s) * len(lst))::int]",
        # Time of day in seconds: mostly 08:00-23:00, some at night, and a few planted boundary seconds
        # (22:59:59, 23:00:00, 07:59:59, 08:00:00, 23:59:00 so that a conversation crosses midnight).
        """create or replace macro tod(k, s) as (
            case
                when u(k, s) < 0.002 then 82799
                when u(k, s) < 0.004 then 82800
                when u(k, s) < 0.006 then 86340
                when u(k, s) < 0.008 then 28800
                when u(k, s) < 0.010 then 28799
                when u(k, s + 1) < 0.07 then (82800 + floor(u(k, s + 2) * 32400)::bigint) % 86400
                else 28800 + floor(u(k, s + 2) * 54000)::bigint
            end
        )""",
        f"create or replace macro cap(x) as case when x <= {p.cutoff} then x end",
        "create or replace macro ts(x) as make_timestamp(x * 1000000)",
        "create or replace macro pad(prefix, x, n) as prefix || lpad(cast(x as varchar), n, '0')",
    ]


def categories_sql(shops: int) -> list[str]:
    """The category tree and the shop-to-category pick ranges."""
    tree = ", ".join(
        "('{}', '{}', {})".format(c.category_id, c.name, "null" if c.parent_id is None else f"'{c.parent_id}'")
        for c in cat.CATEGORIES
    )
    picks = ", ".join(f"('{cid}', {lo!r}, {hi!r})" for cid, lo, hi in cat.category_pick_rows(shops))
    return [
        f"create or replace table g_categories as select * from (values {tree}) "
        "as t(category_id, category_name, parent_category_id)",
        f"create or replace table g_category_picks as select * from (values {picks}) as t(category_id, lo, hi)",
    ]


def shops_sql(p: Params) -> str:
    """Shops: size (long-tailed), latent service quality, opening day, closure, main category, name."""
    closed_idx = 7 if p.shops > 10 else -1
    return f"""
    create or replace table g_shops as
    with base as (
        select
            i as shop_idx,
            u(i, 101) as u_cat,
            exp(1.6 * nrm(i, 102)) as size_w,
            pow(u(i, 103), 2.0) as q,
            case
                when u(i, 104) < 0.85 then -(30 + floor(u(i, 105) * 1500))::int
                else floor(u(i, 105) * {p.days} * 0.9)::int
            end as opened_day,
            (u(i, 106) < 0.03 or i = {closed_idx}) as is_closed,
            u(i, 107) < 0.5 as uses_bot,
        from range({p.shops}) as r(i)
    )
    select
        base.*,
        least(1.0, 0.6 * q + 0.4 * pow(u(shop_idx, 110), 3)) as q_prod,
        least(1.0, 0.6 * q + 0.4 * pow(u(shop_idx, 111), 3)) as q_ship,
        least(1.0, 0.6 * q + 0.4 * pow(u(shop_idx, 112), 3)) as q_logi,
        least(1.0, 0.6 * q + 0.4 * pow(u(shop_idx, 113), 3)) as q_serv,
        least(1.0, 0.5 * q + 0.5 * pow(u(shop_idx, 114), 2)) as q_reply,
        greatest(opened_day, 0) as first_day,
        case
            when is_closed then greatest(opened_day, 0)
                + floor(({p.days} - 1 - greatest(opened_day, 0)) * (0.3 + 0.6 * u(shop_idx, 108)))::int
            else {p.days} - 1
        end as last_day,
        -- Shop 5 always has a level-1 main category (SPEC §3: its peer group is the level-1 node).
        case when shop_idx = 5 then '{cat.LEVEL1_SHOP_CATEGORY}' else picks.category_id end as category_id,
        pick({cat.sql_list(cat.SHOP_NAME_HEADS)}, shop_idx, 120)
            || pick({cat.sql_list(cat.SHOP_NAME_MIDS)}, shop_idx, 121)
            || pick({cat.sql_list(cat.SHOP_NAME_TAILS)}, shop_idx, 122) as shop_name,
    from base
    inner join g_category_picks as picks
        on base.u_cat >= picks.lo and base.u_cat < picks.hi
    """


def allocation_sql(p: Params, total_orders: int) -> str:
    """Spread exactly total_orders over shops by size x active days (cumulative floor, no remainder lost)."""
    return f"""
    create or replace table g_shop_alloc as
    with weighted as (
        select *, size_w * (last_day - first_day + 1) as x from g_shops
    ),
    cumulated as (
        select
            *,
            sum(x) over (order by shop_idx rows between unbounded preceding and current row) as cx,
            sum(x) over () as tx,
        from weighted
    ),
    bounded as (
        select
            *,
            case when shop_idx = {p.shops - 1} then {total_orders}::bigint
                else floor({total_orders} * cx / tx)::bigint end as cum_hi,
        from cumulated
    )
    select
        * exclude (x, cx, tx),
        coalesce(lag(cum_hi) over (order by shop_idx), 0)::bigint as cum_lo,
        cum_hi - coalesce(lag(cum_hi) over (order by shop_idx), 0)::bigint as n_orders,
        least(8, 1 + floor(sqrt((cum_hi - coalesce(lag(cum_hi) over (order by shop_idx), 0))
            / (last_day - first_day + 1)) / 2))::int as n_agents,
    from bounded
    """


def orders_sql(p: Params, anchor_shop: int, n_buyers: int) -> str:
    """Orders: day within the shop's active days, then pay, group, cancel; the anchor order ends on end_date."""
    return f"""
    create or replace table g_orders as
    with exploded as (
        select
            shop_idx, first_day, last_day, q_prod, q_ship, q_logi, q_serv,
            cum_lo + k as g,
            k,
        from (select *, unnest(range(n_orders)) as k from g_shop_alloc)
    ),
    dated as (
        select
            *,
            case when shop_idx = {anchor_shop} and k = 0 then {p.days - 1}
                else first_day + floor(u(g, 201) * (last_day - first_day + 1))::int end as day,
        from exploded
    ),
    created as (
        select
            * exclude (k, first_day, last_day),
            {p.e0} + day::bigint * {DAY} + tod(g, 202) as created_s,
            floor(u(g, 212) * {n_buyers})::bigint as buyer_idx,
            u(g, 205) < 0.04 as is_presale,
            u(g, 206) < 0.95 as requires_shipping,
            round(greatest(0.5, exp(3.6 + 0.9 * nrm(g, 211))), 2)::decimal(12, 2) as amount,
        from dated
    ),
    paid as (
        select
            *,
            cap(case when u(g, 203) < 0.97 then created_s + 5 + floor(expo(g, 204) * 300)::bigint end) as paid_s,
            buyer_idx % {MALICIOUS_EVERY} = {MALICIOUS_OFFSET} as is_malicious,
        from created
    ),
    grouped as (
        select
            *,
            cap(case when paid_s is not null and u(g, 207) < 0.96
                then paid_s + floor(expo(g, 208) * 1200)::bigint end) as grouped_s,
        from paid
    )
    select
        *,
        cap(case
            when paid_s is null and u(g, 209) < 0.9 then created_s + 1800
            when paid_s is not null and grouped_s is null and u(g, 209) < 0.85 then paid_s + {DAY}
            when grouped_s is not null and u(g, 209) < 0.012
                then grouped_s + 600 + floor(u(g, 210) * 36000)::bigint
        end) as cancelled_s,
    from grouped
    """


def shipments_sql(p: Params) -> str:
    """Shipments of grouped, shipped-goods orders: ship, pick-up, sign, confirm; delays follow quality."""
    return f"""
    create or replace table g_ship as
    with base as (
        select
            g, shop_idx, q_ship, q_logi,
            grouped_s + case when is_presale then (5 + floor(u(g, 301) * 10))::bigint * {DAY} else 0 end
                + floor(expo(g, 302) * {HOUR} * (3 + 40 * q_ship))::bigint as ship_s,
        from g_orders
        where requires_shipping and grouped_s is not null and cancelled_s is null
    ),
    picked as (
        select
            *,
            case when u(g, 303) < 0.985
                then ship_s + floor(expo(g, 304) * {HOUR} * (1 + 10 * q_logi))::bigint end as pick_s,
        from base
        where ship_s <= {p.cutoff}
    ),
    signed as (
        select
            *,
            coalesce(pick_s, ship_s) + floor({HOUR} * (18 + expo(g, 305) * (30 + 40 * q_logi)))::bigint as sign_s,
        from picked
    )
    select
        g, shop_idx, ship_s,
        cap(pick_s) as pick_s,
        cap(sign_s) as sign_s,
        cap(case when u(g, 306) < 0.75 then sign_s + floor(u(g, 307) * 7 * {DAY})::bigint end) as conf_s,
        pick({cat.sql_list(cat.CARRIERS)}, g, 308) as carrier,
    from signed
    """


def help_requests_sql(p: Params, n_buyers: int) -> str:
    """Help requests: 0-2 per order driven by quality (malicious buyers always 2), plus pre-sale questions."""
    r = cat.HELP_REASONS
    return f"""
    create or replace table g_help as
    with orders as (
        select
            o.g, o.shop_idx, o.buyer_idx, o.created_s, o.paid_s, o.is_malicious, o.q_prod, o.q_ship, o.q_logi,
            o.q_serv, s.ship_s, s.sign_s,
            case
                when o.is_malicious then 2
                when u(o.g, 401) < 0.10 + 0.45 * (o.q_prod + o.q_ship + o.q_logi + o.q_serv) / 4
                    then case when u(o.g, 402) < 0.25 then 2 else 1 end
                else 0
            end as n_help,
        from g_orders as o
        left join g_ship as s on o.g = s.g
    ),
    exploded as (
        select *, g * 4 + j as h
        from (select *, unnest(range(n_help)) as j from orders)
    ),
    kinded as (
        select
            *,
            case
                when not is_malicious and u(h, 403) < 0.30 then 'routine'
                when u(h, 403) < 0.315 then 'unknown'
                when u(h, 404) < 0.25 + 0.3 * q_prod then 'product'
                when u(h, 404) < 0.45 + 0.3 * q_prod then 'shipping'
                when u(h, 404) < 0.80 + 0.1 * q_prod then 'logistics'
                else 'service'
            end as dimension,
        from exploded
    ),
    reasoned as (
        select
            *,
            case dimension
                when 'routine' then pick({cat.sql_list(r["routine"])}, h, 405)
                when 'unknown' then pick({cat.sql_list(cat.UNKNOWN_HELP_REASONS)}, h, 405)
                when 'product' then pick({cat.sql_list(r["product"])}, h, 405)
                when 'shipping' then pick({cat.sql_list(r["shipping"])}, h, 405)
                when 'logistics' then pick({cat.sql_list(r["logistics"])}, h, 405)
                else pick({cat.sql_list(r["service"])}, h, 405)
            end as reason_code,
            case
                when dimension = 'routine' then
                    case when u(h, 406) < 0.85 then 'merchant_chat' else 'platform_cs_online' end
                when u(h, 406) < 0.40 then 'merchant_chat'
                when u(h, 406) < 0.58 then 'after_sale'
                when u(h, 406) < 0.74 then 'platform_cs_online'
                when u(h, 406) < 0.82 then 'platform_cs_hotline'
                when u(h, 406) < 0.93 then 'platform_intervention'
                else 'complaint'
            end as channel,
            case dimension
                when 'routine' then created_s + floor(u(h, 407) * 2 * {DAY})::bigint
                when 'shipping' then coalesce(paid_s, created_s) + {DAY} + floor(u(h, 407) * 3 * {DAY})::bigint
                when 'logistics' then coalesce(ship_s, paid_s, created_s) + {DAY}
                    + floor(u(h, 407) * 4 * {DAY})::bigint
                else coalesce(sign_s, paid_s, created_s) + 600 + floor(u(h, 407) * 7 * {DAY})::bigint
            end as help_s,
        from kinded
    )
    select
        pad('h', g, 10) || '-' || j as request_id,
        g, shop_idx, buyer_idx, channel, reason_code, help_s,
    from reasoned
    where help_s <= {p.cutoff}
    union all
    -- Pre-sale questions carry no order (SPEC §2: help_requests.order_id is nullable).
    select
        pad('h', g, 10) || '-p' as request_id,
        null as g, shop_idx, floor(u(g, 411) * {n_buyers})::bigint as buyer_idx, 'merchant_chat' as channel,
        'presale_question' as reason_code,
        created_s - 60 - floor(u(g, 412) * 3000)::bigint as help_s,
    from g_orders
    where u(g, 410) < 0.03
    """


def chats_sql(p: Params, n_buyers: int) -> list[str]:
    """Conversations (before an order, after it, or just browsing), turns, then messages.

    A turn is a run of 1-3 buyer messages, maybe a bot message, then (usually) an agent reply whose delay
    clusters around 180 s (some exactly 180, 181, 179 or 0 s). Turns start 25 minutes apart, so a
    conversation starting late crosses 23:00 or midnight.
    """
    conversations = f"""
    create or replace table g_conv as
    with orders as (
        select o.g, o.shop_idx, o.buyer_idx, o.created_s, o.q_serv, a.q_reply, a.n_agents, a.uses_bot,
        from g_orders as o
        inner join g_shop_alloc as a on o.shop_idx = a.shop_idx
    )
    select g * 4 + 0 as c, shop_idx, buyer_idx, q_reply, n_agents, uses_bot,
        created_s - 60 - floor(u(g, 501) * 1800)::bigint as start_s,
    from orders where u(g, 502) < 0.18
    union all
    select g * 4 + 1 as c, shop_idx, buyer_idx, q_reply, n_agents, uses_bot,
        (created_s // {DAY} + 1 + floor(u(g, 503) * 8)::bigint) * {DAY} + tod(g * 4 + 1, 504) as start_s,
    from orders where u(g, 505) < 0.06 + 0.25 * q_serv
    union all
    select g * 4 + 2 as c, shop_idx, floor(u(g, 506) * {n_buyers})::bigint as buyer_idx, q_reply, n_agents,
        uses_bot,
        (created_s // {DAY} + floor(u(g, 508) * 3)::bigint) * {DAY} + tod(g * 4 + 2, 509) as start_s,
    from orders where u(g, 507) < 0.05
    """
    turns = f"""
    create or replace table g_turns as
    with exploded as (
        select
            *,
            floor(u(c, 512) * n_agents)::int as main_agent,
        from (
            select
                *,
                unnest(range(1 + (u(c, 510) < 0.45)::int + (u(c, 511) < 0.15)::int)) as t,
            from g_conv
        )
    ),
    shaped as (
        select
            c, t, c * 4 + t as ct, shop_idx, buyer_idx, n_agents,
            start_s + t * 1500 + case when t = 0 then 0 else floor(u(c * 4 + t, 520) * 60)::bigint end as turn_s,
            1 + (u(c * 4 + t, 521) < 0.35)::int + (u(c * 4 + t, 522) < 0.12)::int as run_len,
            3 + floor(u(c * 4 + t, 523) * 25)::bigint as gap,
            u(c * 4 + t, 524) < 0.97 - 0.2 * q_reply as is_answered,
            case
                when u(c * 4 + t, 525) < 0.05 then 180
                when u(c * 4 + t, 525) < 0.09 then 181
                when u(c * 4 + t, 525) < 0.12 then 0
                when u(c * 4 + t, 525) < 0.14 then 179
                else least(1200, floor(exp(ln(20 + 200 * q_reply) + 0.9 * nrm(c * 4 + t, 526))))::bigint
            end as delay,
            case when u(c * 4 + t, 527) < 0.1 then floor(u(c * 4 + t, 528) * n_agents)::int
                else main_agent end as agent_k,
            t = 0 and uses_bot and u(c, 513) < 0.6 as has_bot,
        from exploded
    )
    select *, turn_s + (run_len - 1) * gap + delay as reply_s from shaped
    """
    messages = f"""
    create or replace table g_msgs as
    select * from (
        select c, shop_idx, buyer_idx, 'buyer' as sender_role, null::int as agent_k,
            turn_s + i * gap as sent_s, t * 8 + i as m,
        from (select *, unnest(range(run_len)) as i from g_turns)
        union all
        select c, shop_idx, buyer_idx, 'bot', null, turn_s + 1, t * 8 + 6,
        from g_turns where has_bot
        union all
        select c, shop_idx, buyer_idx, 'agent', agent_k, reply_s, t * 8 + 7,
        from g_turns where is_answered
    )
    where sent_s <= {p.cutoff}
    """
    return [conversations, turns, messages]


def after_sales_sql(p: Params) -> str:
    """After-sales on paid, uncancelled orders: type, reason, status and the chain of timestamps."""
    return f"""
    create or replace table g_as as
    with orders as (
        select o.g, o.shop_idx, o.paid_s, o.amount, o.q_prod, o.q_serv, s.sign_s,
        from g_orders as o
        left join g_ship as s on o.g = s.g
        where o.paid_s is not null and o.cancelled_s is null
            and u(o.g, 601) < 0.04 + 0.14 * o.q_prod + case when o.is_malicious then 0.3 else 0 end
    ),
    typed as (
        select
            *,
            case
                when sign_s is null then 'refund_only'
                when u(g, 602) < 0.45 then 'refund_only'
                when u(g, 602) < 0.85 then 'return_refund'
                else 'exchange'
            end as type,
            case
                when sign_s is not null and u(g, 603) < 0.25 + 0.55 * q_prod
                    then pick({cat.sql_list(cat.AFTER_SALE_QUALITY_REASONS)}, g, 604)
                else pick({cat.sql_list(cat.AFTER_SALE_OTHER_REASONS)}, g, 604)
            end as reason_code,
            case
                when u(g, 605) < 0.78 then 'completed'
                when u(g, 605) < 0.87 then 'rejected'
                when u(g, 605) < 0.95 then 'cancelled'
                else 'open'
            end as planned_status,
            coalesce(sign_s + floor(u(g, 606) * 5 * {DAY})::bigint,
                paid_s + {HOUR} + floor(u(g, 606) * 2 * {DAY})::bigint) as applied_s,
        from orders
    ),
    approved as (
        select
            *,
            case when planned_status = 'completed' or (planned_status = 'open' and u(g, 607) < 0.5)
                then applied_s + floor(expo(g, 608) * {HOUR} * (1 + 30 * q_serv))::bigint end as approved_s,
        from typed
        where applied_s <= {p.cutoff}
    ),
    returned as (
        select
            *,
            case when type <> 'refund_only'
                then approved_s + {DAY} + floor(u(g, 609) * 4 * {DAY})::bigint end as return_signed_s,
        from approved
    ),
    refunded as (
        select
            *,
            case type
                when 'refund_only' then approved_s
                when 'return_refund' then return_signed_s + floor(expo(g, 610) * {HOUR} * (2 + 20 * q_serv))::bigint
            end as refund_approved_s,
        from returned
    ),
    completed as (
        select
            *,
            case when planned_status = 'completed' then
                case type
                    when 'refund_only' then refund_approved_s + floor(u(g, 611) * 600)::bigint
                    when 'return_refund' then refund_approved_s + floor(u(g, 611) * 1800)::bigint
                    else return_signed_s + {DAY} + floor(u(g, 611) * 3 * {DAY})::bigint
                end
            end as completed_raw_s,
        from refunded
    )
    select
        g, shop_idx, type, reason_code, applied_s,
        case when planned_status = 'completed' and cap(completed_raw_s) is null then 'open'
            else planned_status end as status,
        cap(approved_s) as approved_s,
        cap(return_signed_s) as return_signed_s,
        cap(refund_approved_s) as refund_approved_s,
        cap(completed_raw_s) as completed_s,
        case when type = 'exchange' then 0.00
            else round(amount * (0.3 + 0.7 * u(g, 612)), 2) end::decimal(12, 2) as refund_amount,
        q_serv,
    from completed
    """


def interventions_sql(p: Params) -> str:
    """Platform interventions: round 1 on some after-sales, round 2 on some decided ones, a few direct."""
    party = """
        case
            when decided_s is null then null
            when u(k, {s}) < 0.2 + 0.5 * q_serv then 'merchant'
            when u(k, {s} + 1) < 0.40 then 'buyer'
            when u(k, {s} + 1) < 0.65 then 'logistics'
            when u(k, {s} + 1) < 0.80 then 'platform'
            else 'none'
        end"""
    return f"""
    create or replace table g_iv as
    with round_one as (
        select
            g * 4 + 1 as k, g, g as as_g, shop_idx, 1 as round, q_serv,
            applied_s + {DAY} + floor(u(g, 702) * 3 * {DAY})::bigint as opened_s,
        from g_as
        where u(g, 701) < case status when 'rejected' then 0.5 when 'open' then 0.15
            when 'completed' then 0.06 + 0.2 * q_serv else 0 end
    ),
    direct as (
        select
            g * 4 + 3 as k, g, null::bigint as as_g, o.shop_idx, 1 as round, o.q_serv,
            paid_s + 3 * {DAY} + floor(u(g, 711) * 7 * {DAY})::bigint as opened_s,
        from g_orders as o
        where paid_s is not null and cancelled_s is null and u(g, 710) < 0.002 + 0.006 * q_serv
    ),
    first_rounds as (
        select
            *,
            cap(case when u(k, 703) < 0.95 then opened_s + 7200 + floor(u(k, 704) * 70 * {HOUR})::bigint end)
                as decided_s,
        from (select * from round_one union all select * from direct)
        where opened_s <= {p.cutoff}
    ),
    second_rounds as (
        select
            g * 4 + 2 as k, g, as_g, shop_idx, 2 as round, q_serv,
            decided_s + {HOUR} + floor(u(k, 707) * 48 * {HOUR})::bigint as opened_s,
        from first_rounds
        where decided_s is not null and as_g is not null and u(k, 706) < 0.15
    ),
    second_decided as (
        select
            *,
            cap(case when u(k, 703) < 0.9 then opened_s + 7200 + floor(u(k, 704) * 70 * {HOUR})::bigint end)
                as decided_s,
        from second_rounds
        where opened_s <= {p.cutoff}
    ),
    both_rounds as (
        select * from first_rounds
        union all
        select * from second_decided
    ),
    judged as (
        select *, {party.format(s=705)} as responsible_party from both_rounds
    )
    select
        *,
        case
            when responsible_party is null then null
            when responsible_party in ('merchant', 'logistics', 'platform') then u(k, 708) < 0.95
            else u(k, 708) < 0.1
        end as refund_succeeded,
    from judged
    """


def appeals_sql(p: Params) -> str:
    """Appeals: on merchant-fault interventions (mostly responsibility appeals), and a few on after-sales."""
    return f"""
    create or replace table g_ap as
    with on_interventions as (
        select
            k * 2 as a, g, k as iv_k, shop_idx,
            case
                when u(k, 802) < 0.75 then 'responsibility'
                when u(k, 802) < 0.85 then 'goods_payment'
                when u(k, 802) < 0.93 then 'freight'
                else 'other'
            end as appeal_type,
            decided_s + 1800 + floor(u(k, 803) * 47 * {HOUR})::bigint as submitted_s,
        from g_iv
        where responsible_party = 'merchant' and u(k, 801) < 0.4
    ),
    on_after_sales as (
        select
            (g * 4 + 1) * 2 + 1 as a, g, null::bigint as iv_k, shop_idx,
            pick(['goods_payment', 'freight', 'other'], g, 811) as appeal_type,
            coalesce(completed_s, applied_s) + {HOUR} + floor(u(g, 812) * 3 * {DAY})::bigint as submitted_s,
        from g_as
        where u(g, 810) < 0.03
    ),
    submitted as (
        select
            *,
            case when u(a, 804) < 0.35 then 'approved' when u(a, 804) < 0.85 then 'rejected' else 'pending' end
                as planned_outcome,
        from (select * from on_interventions union all select * from on_after_sales)
        where submitted_s <= {p.cutoff}
    ),
    decided as (
        select
            *,
            cap(case when planned_outcome <> 'pending'
                then submitted_s + {DAY} + floor(u(a, 805) * 4 * {DAY})::bigint end) as decided_s,
        from submitted
    )
    select
        a, g, iv_k, shop_idx, appeal_type, submitted_s, decided_s,
        case when decided_s is null then 'pending' else planned_outcome end as outcome,
    from decided
    """


def complaints_sql(p: Params, n_buyers: int) -> str:
    """Complaints on orders (malicious buyers complain often), a few without an order."""
    return f"""
    create or replace table g_cp as
    with on_orders as (
        select
            o.g * 2 as k, o.g, o.shop_idx, o.buyer_idx, o.q_serv, o.is_malicious,
            coalesce(s.sign_s, s.ship_s, o.paid_s, o.created_s) + {HOUR}
                + floor(u(o.g, 902) * 10 * {DAY})::bigint as created_s,
        from g_orders as o
        left join g_ship as s on o.g = s.g
        where u(o.g, 901) < case when o.is_malicious then 0.5 else 0.004 + 0.03 * o.q_serv end
    ),
    without_order as (
        select
            g * 2 + 1 as k, null::bigint as g, shop_idx, floor(u(g, 911) * {n_buyers})::bigint as buyer_idx,
            q_serv, false as is_malicious,
            created_s + floor(u(g, 912) * 5 * {DAY})::bigint as created_s,
        from g_orders
        where u(g, 910) < 0.001
    ),
    planned as (
        select
            *,
            case
                when u(k, 903) < 0.12 then 'pending'
                when is_malicious and u(k, 904) < 0.8 then 'not_established'
                when u(k, 904) < 0.3 + 0.3 * q_serv then 'established'
                when u(k, 904) < 0.75 then 'not_established'
                else 'merchant_resolved'
            end as planned_status,
        from (select * from on_orders union all select * from without_order)
        where created_s <= {p.cutoff}
    ),
    decided as (
        select
            *,
            cap(case when planned_status <> 'pending'
                then created_s + {DAY} + floor(u(k, 905) * 6 * {DAY})::bigint end) as decided_s,
        from planned
    )
    select
        k, g, shop_idx, buyer_idx, created_s, decided_s,
        case when decided_s is null then 'pending' else planned_status end as status,
    from decided
    """


def tickets_sql(p: Params) -> str:
    """Platform work orders to the shop: due in 24 or 48 h, completed on time, late, or never.

    A ticket whose due time is after the cut-off is not exported yet (every clean timestamp is on or
    before end_date, so none is "in the future of the load").
    """
    return f"""
    create or replace table g_tk as
    with created as (
        select
            g * 2 as k, g, shop_idx, q_serv,
            created_s + {HOUR} + floor(u(g, 1002) * 6 * {DAY})::bigint as created_s,
        from g_orders
        where u(g, 1001) < 0.02 + 0.06 * q_serv
        union all
        select
            g * 2 + 1 as k, null::bigint as g, shop_idx, q_serv,
            created_s + floor(u(g, 1011) * 3 * {DAY})::bigint as created_s,
        from g_orders
        where u(g, 1010) < 0.004
    ),
    due as (
        select *, created_s + case when u(k, 1003) < 0.7 then {DAY} else 2 * {DAY} end as due_s,
        from created
    )
    select
        k, g, shop_idx, created_s, due_s,
        cap(case
            when u(k, 1004) < 0.01 then due_s
            when u(k, 1005) < 0.88 - 0.45 * q_serv then created_s + floor(u(k, 1006) * (due_s - created_s))::bigint
            when u(k, 1005) < 0.97 - 0.2 * q_serv then due_s + 60 + floor(u(k, 1006) * 48 * {HOUR})::bigint
        end) as completed_s,
    from due
    where due_s <= {p.cutoff}
    """


def reviews_sql(p: Params) -> str:
    """First reviews on delivered orders, some follow-ups; ratings follow quality, two ratings nullable."""
    return f"""
    create or replace table g_rv as
    with delivered as (
        select
            o.g, o.shop_idx, o.buyer_idx, o.q_prod, o.q_serv, o.q_logi,
            coalesce(s.sign_s, case when not o.requires_shipping then o.grouped_s end) as base_s,
        from g_orders as o
        left join g_ship as s on o.g = s.g
        where o.cancelled_s is null and u(o.g, 1101) < 0.3
    ),
    firsts as (
        select
            g * 2 as k, g, shop_idx, buyer_idx, q_prod, q_serv, q_logi, true as is_first_review,
            base_s + 1800 + floor(u(g, 1102) * 10 * {DAY})::bigint as created_s,
        from delivered
        where base_s is not null
    ),
    follow_ups as (
        select
            g * 2 + 1 as k, g, shop_idx, buyer_idx, q_prod, q_serv, q_logi, false as is_first_review,
            created_s + 3 * {DAY} + floor(u(g, 1111) * 27 * {DAY})::bigint as created_s,
        from firsts
        where u(g, 1110) < 0.08
    )
    select
        k, g, shop_idx, buyer_idx, is_first_review, created_s,
        case
            when u(k, 1120) < 0.03 + 0.35 * q_prod then 1 + floor(u(k, 1121) * 2)::int
            when u(k, 1121) < 0.10 then 3
            when u(k, 1121) < 0.35 then 4
            else 5
        end as product_rating,
        case
            when u(k, 1130) < 0.2 then null
            when u(k, 1131) < 0.03 + 0.35 * q_serv then 1 + floor(u(k, 1132) * 2)::int
            else 3 + floor(u(k, 1132) * 3)::int
        end as service_rating,
        case
            when u(k, 1140) < 0.25 then null
            when u(k, 1141) < 0.03 + 0.35 * q_logi then 1 + floor(u(k, 1142) * 2)::int
            else 3 + floor(u(k, 1142) * 3)::int
        end as logistics_rating,
    from (select * from firsts union all select * from follow_ups)
    where created_s <= {p.cutoff}
    """


def malicious_buyers_sql(p: Params, n_buyers: int) -> str:
    """Every MALICIOUS_EVERY-th buyer, flagged at a date from 30 days before the data to its last day."""
    return f"""
    create or replace table g_mb as
    select
        b as buyer_idx,
        {p.e0} - 30 * {DAY} + floor(u(b, 1201) * ({p.days} + 30) * {DAY})::bigint as flagged_s,
        pick({cat.sql_list(cat.MALICIOUS_REASONS)}, b, 1202) as reason,
    from range({MALICIOUS_OFFSET}, {n_buyers}, {MALICIOUS_EVERY}) as r(b)
    """


def enrollments_sql(p: Params) -> str:
    """Programme enrolments: a first stint per (shop, programme), some exits, some re-enrolments."""
    programs = ", ".join(f"({i}, '{name}', {rate})" for i, (name, rate) in
                         enumerate(zip(cat.PROGRAMS, (0.25, 0.35, 0.45))))
    return f"""
    create or replace table g_pe as
    with programs as (
        select * from (values {programs}) as t(program_idx, program, rate)
    ),
    first_stints as (
        select
            (s.shop_idx * 4 + pr.program_idx) * 2 as k, s.shop_idx, pr.program,
            {p.e0} - 60 * {DAY} + floor(u((s.shop_idx * 4 + pr.program_idx) * 2, 1302)
                * ({p.days} + 60) * {DAY})::bigint as enrolled_s,
        from g_shops as s
        cross join programs as pr
        where u((s.shop_idx * 4 + pr.program_idx) * 2, 1301) < pr.rate
    ),
    first_exits as (
        select
            *,
            cap(case when u(k, 1303) < 0.3
                then enrolled_s + 5 * {DAY} + floor(u(k, 1304) * 60 * {DAY})::bigint end) as exited_s,
        from first_stints
    ),
    second_stints as (
        select
            k + 1 as k, shop_idx, program,
            exited_s + 3 * {DAY} + floor(u(k, 1305) * 20 * {DAY})::bigint as enrolled_s,
        from first_exits
        where exited_s is not null and u(k, 1306) < 0.4
    ),
    second_exits as (
        select
            *,
            cap(case when u(k, 1303) < 0.2
                then enrolled_s + 5 * {DAY} + floor(u(k, 1304) * 30 * {DAY})::bigint end) as exited_s,
        from second_stints
        where enrolled_s <= {p.cutoff}
    )
    select * from first_exits
    union all
    select * from second_exits
    """


def output_macros() -> list[str]:
    """Id formats of the exported tables (fixed width, so ids sort like their numbers)."""
    return [
        "create or replace macro shop_id(i) as pad('s', i, 6)",
        "create or replace macro order_id(g) as pad('o', g, 10)",
        "create or replace macro buyer_id(b) as pad('u', b, 9)",
        "create or replace macro intervention_id(k) as pad('iv', k // 4, 10) || '-' || "
        "case k % 4 when 1 then 'r1' when 2 then 'r2' else 'dx' end",
    ]


# table -> (select with the contract's columns plus _dt (partition date, NULL = single file) and _ord (sort
# key)). The writer wraps these in contract.select_list, so names and types match SPEC §2 exactly.
OUTPUTS: dict[str, str] = {
    "categories": """
        select category_id, category_name, parent_category_id, null::date as _dt, category_id as _ord
        from g_categories""",
    "shops": """
        select shop_id(shop_idx) as shop_id, shop_name, category_id,
            cast(ts({e0} + opened_day::bigint * 86400) as date) as opened_date,
            case when is_closed then 'closed' else 'active' end as status,
            null::date as _dt, shop_idx as _ord
        from g_shops""",
    "orders": """
        select order_id(g) as order_id, shop_id(shop_idx) as shop_id, buyer_id(buyer_idx) as buyer_id,
            ts(created_s) as created_at, ts(paid_s) as paid_at, ts(grouped_s) as grouped_at,
            ts(cancelled_s) as cancelled_at, amount, is_presale, requires_shipping,
            cast(ts(created_s) as date) as _dt, g as _ord
        from g_orders""",
    "shipments": """
        select order_id(g) as order_id, ts(ship_s) as shipped_at, ts(pick_s) as picked_up_at,
            ts(sign_s) as signed_at, ts(conf_s) as received_confirmed_at, carrier,
            cast(ts(ship_s) as date) as _dt, g as _ord
        from g_ship""",
    "help_requests": """
        select request_id, order_id(g) as order_id, shop_id(shop_idx) as shop_id, buyer_id(buyer_idx) as buyer_id,
            channel, reason_code, ts(help_s) as created_at,
            cast(ts(help_s) as date) as _dt, request_id as _ord
        from g_help""",
    "chat_messages": """
        select pad('cv', c, 12) || '-' || lpad(cast(m as varchar), 2, '0') as message_id,
            pad('cv', c, 12) as conversation_id, shop_id(shop_idx) as shop_id, buyer_id(buyer_idx) as buyer_id,
            sender_role, shop_id(shop_idx) || '-a' || agent_k as agent_id, ts(sent_s) as sent_at,
            cast(ts(sent_s) as date) as _dt, c * 32 + m as _ord
        from g_msgs""",
    "after_sales": """
        select pad('as', g, 10) as after_sale_id, order_id(g) as order_id, shop_id(shop_idx) as shop_id,
            type, reason_code, status, ts(applied_s) as applied_at, ts(approved_s) as merchant_approved_at,
            ts(return_signed_s) as return_signed_at, ts(refund_approved_s) as refund_approved_at,
            ts(completed_s) as completed_at, refund_amount,
            cast(ts(applied_s) as date) as _dt, g as _ord
        from g_as""",
    "interventions": """
        select intervention_id(k) as intervention_id, pad('as', as_g, 10) as after_sale_id,
            order_id(g) as order_id, shop_id(shop_idx) as shop_id, round, ts(opened_s) as opened_at,
            ts(decided_s) as decided_at, responsible_party, refund_succeeded,
            cast(ts(opened_s) as date) as _dt, k as _ord
        from g_iv""",
    "appeals": """
        select pad('ap', a, 12) as appeal_id, order_id(g) as order_id, intervention_id(iv_k) as intervention_id,
            shop_id(shop_idx) as shop_id, appeal_type, ts(submitted_s) as submitted_at,
            ts(decided_s) as decided_at, outcome,
            cast(ts(submitted_s) as date) as _dt, a as _ord
        from g_ap""",
    "complaints": """
        select pad('cp', k, 11) as complaint_id, order_id(g) as order_id, shop_id(shop_idx) as shop_id,
            buyer_id(buyer_idx) as buyer_id, ts(created_s) as created_at, status, ts(decided_s) as decided_at,
            cast(ts(created_s) as date) as _dt, k as _ord
        from g_cp""",
    "tickets": """
        select pad('tk', k, 11) as ticket_id, shop_id(shop_idx) as shop_id, order_id(g) as order_id,
            ts(created_s) as created_at, ts(due_s) as due_at, ts(completed_s) as completed_at,
            cast(ts(created_s) as date) as _dt, k as _ord
        from g_tk""",
    "reviews": """
        select pad('rv', k, 11) as review_id, order_id(g) as order_id, shop_id(shop_idx) as shop_id,
            buyer_id(buyer_idx) as buyer_id, ts(created_s) as created_at, is_first_review,
            product_rating, service_rating, logistics_rating,
            cast(ts(created_s) as date) as _dt, k as _ord
        from g_rv""",
    "malicious_buyers": """
        select buyer_id(buyer_idx) as buyer_id, ts(flagged_s) as flagged_at, reason,
            null::date as _dt, buyer_idx as _ord
        from g_mb""",
    "program_enrollments": """
        select shop_id(shop_idx) as shop_id, program, ts(enrolled_s) as enrolled_at, ts(exited_s) as exited_at,
            null::date as _dt, k as _ord
        from g_pe""",
}

PARTITIONED: frozenset[str] = frozenset(
    {"orders", "shipments", "help_requests", "chat_messages", "after_sales", "interventions", "appeals",
     "complaints", "tickets", "reviews"}
)
