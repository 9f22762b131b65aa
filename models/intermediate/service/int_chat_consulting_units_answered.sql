{#-
    Grain: one row per consulting unit (shop_id, buyer_id, consult_date): a local date on which the
    buyer sent the shop at least one chat message. The one derivation of consulting units, shared by
    tmall (wangwang_reply_rate, manual_response_seconds: SPEC §6), the CS KPIs (effective_reply_rate,
    inquiry_conversion_rate: SPEC §7) and pdd (reply_3min_rate: SPEC §4). The buyer messages and
    their facts (business hours, next agent message, reply window) come from
    int_chat_buyer_messages_answered, where each is derived once. Per unit:
    - tmall anchors on the unit's first buyer message at any hour; the KPIs on its earliest
      business-hours buyer message (NULL if none). Both look for the first agent message of the same
      shop and buyer on the same local date at or after the anchor (a reply after midnight does not
      count), across the pair's conversations because the unit is the (shop, buyer, date); the KPIs
      credit the unit to that reply's agent.
    - pdd's units are the same (those with a business-hours buyer message), but each business-hours
      buyer message must have its own next agent message (same conversation, any date) within the
      reply window: is_reply_window_failed if one has not; last_business_hours_reply_at is the latest
      of those next agent messages (pdd sees the unit pass only once it is visible).
    Bot messages are ignored (SPEC §4, §7).
-#}
with

buyer_messages as (

    -- A unit is one local date: its date alone places it in a window.
    select * from {{ ref('int_chat_buyer_messages_answered') }}
    where {{ event_window_filter('sent_date') }}

),

agent_messages as (

    select
        *,
        cast(sent_at as date) as consult_date,
    from {{ ref('stg_platform__chat_messages') }}
    where sender_role = 'agent'
        and {{ event_window_filter('sent_at') }}

),

units as (

    select
        shop_id,
        buyer_id,
        sent_date as consult_date,
        min(sent_at) as first_buyer_message_at,
        min(sent_at) filter (where is_business_hours) as first_business_hours_message_at,
        not bool_and(is_replied_in_window) filter (where is_business_hours) as is_reply_window_failed,
        max(next_agent_sent_at) filter (where is_business_hours) as last_business_hours_reply_at,
    from buyer_messages
    group by
        shop_id,
        buyer_id,
        sent_date

),

answered as (

    select
        units.shop_id,
        units.buyer_id,
        units.consult_date,
        {{ seconds_between(
            'any_value(units.first_buyer_message_at)',
            'min(agent_messages.sent_at) filter (where agent_messages.sent_at >= units.first_buyer_message_at)'
        ) }} as first_reply_seconds,
        any_value(units.first_business_hours_message_at) as first_business_hours_message_at,
        min({{ struct_of_values(['sent_at', 'agent_id'], ['agent_messages.sent_at', 'agent_messages.agent_id']) }}) filter (
            where agent_messages.sent_at >= units.first_business_hours_message_at
        ) as first_business_hours_reply,
        any_value(units.is_reply_window_failed) as is_reply_window_failed,
        any_value(units.last_business_hours_reply_at) as last_business_hours_reply_at,
    from units
    left join agent_messages
        on units.shop_id = agent_messages.shop_id
        and units.buyer_id = agent_messages.buyer_id
        and units.consult_date = agent_messages.consult_date
    group by
        units.shop_id,
        units.buyer_id,
        units.consult_date

),

final as (

    select
        answered.shop_id,
        answered.buyer_id,
        answered.consult_date,
        answered.first_reply_seconds,
        answered.first_business_hours_message_at,
        -- first_business_hours_reply is a struct: its fields read as <cte>.<column>.<field>
        answered.first_business_hours_reply.sent_at as first_business_hours_reply_at,
        answered.first_business_hours_reply.agent_id as first_business_hours_reply_agent_id,
        answered.is_reply_window_failed,
        answered.last_business_hours_reply_at,
    from answered

)

select * from final
