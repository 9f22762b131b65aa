{#-
    Grain: one row per consulting unit (shop_id, buyer_id, unit_date) of pdd's reply_3min_rate
    (SPEC §4, seed 003): a shop, a buyer and a local date with at least one buyer message sent in
    business hours (vars business_hours_start / business_hours_end, inclusive to the second).
    A unit fails if any of those buyer messages has no `agent` message in the same conversation at
    or after it (same second included) within var reply_window_seconds (exactly the limit passes);
    `bot` messages never count. Each message is read once; an ASOF join pairs it with its next agent message.
    passing_from_date is the first score date whose data (< D, SPEC §3) shows the unit passing: the
    day after both the unit date and its last counted reply (a reply can only fall on a later date
    when the business hours end less than the reply window before midnight); NULL if the unit fails.
    Only units dated in some built score date's window are derived, as the data before the last built
    score date shows them (a reply on or after it is invisible to every built date).
-#}
with

visible_dates as (

    {{ pdd_visible_dates() }}

),

buyer_messages as (

    select
        conversation_id,
        shop_id,
        buyer_id,
        sent_at,
    from {{ ref('stg_platform__chat_messages') }}
    where sender_role = 'buyer'
        and cast(sent_at as date) in (select visible_date from visible_dates)
        -- Business hours to the second: 22:59:59.5 is still within 22:59:59.
        and cast(date_trunc('second', sent_at) as time) >= cast('{{ var("business_hours_start") }}' as time)
        and cast(date_trunc('second', sent_at) as time) <= cast('{{ var("business_hours_end") }}' as time)

),

agent_messages as (

    -- Only `agent` messages answer: bots never count (seed 003).
    select
        conversation_id,
        sent_at,
    from {{ ref('stg_platform__chat_messages') }}
    where sender_role = 'agent'
        -- An agent message on or after the last built D is data for no built score date.
        and cast(sent_at as date) in (select visible_date from visible_dates)

),

buyer_messages_answered as (

    -- The next agent message of a buyer message: the first one in the same conversation at or after
    -- it (same second included). An ASOF join finds it without pairing every message of a conversation.
    select
        buyer_messages.shop_id,
        buyer_messages.buyer_id,
        cast(buyer_messages.sent_at as date) as unit_date,
        agent_messages.sent_at as next_agent_sent_at,
        coalesce(
            agent_messages.sent_at <= buyer_messages.sent_at + to_seconds({{ var('reply_window_seconds') }}),
            false
        ) as is_replied_in_time,
    from buyer_messages
    asof left join agent_messages
        on agent_messages.conversation_id = buyer_messages.conversation_id
        and agent_messages.sent_at >= buyer_messages.sent_at

),

final as (

    select
        shop_id,
        buyer_id,
        unit_date,
        count(*) as buyer_message_count,
        not bool_and(is_replied_in_time) as is_failed,
        case
            when bool_and(is_replied_in_time)
                then greatest(unit_date, max(cast(next_agent_sent_at as date))) + 1
        end as passing_from_date,
    from buyer_messages_answered
    group by
        shop_id,
        buyer_id,
        unit_date

)

select
    shop_id,
    buyer_id,
    unit_date,
    buyer_message_count,
    is_failed,
    passing_from_date,
from final
