{#-
    Grain: one row per consulting unit (shop_id, buyer_id, consult_date): a local date on which the
    buyer sent the shop at least one chat message. Shared by tmall (wangwang_reply_rate,
    manual_response_seconds: SPEC §6) and the CS KPIs (effective_reply_rate, inquiry_conversion_rate:
    SPEC §7). Both look for the first agent message of the same shop and buyer on the same local date
    at or after an anchor message (a reply after midnight does not count), across the pair's
    conversations because the unit is the (shop, buyer, date):
    - tmall anchors on the unit's first buyer message at any hour;
    - the KPIs anchor on the unit's earliest business-hours buyer message (NULL if none) and credit the
      unit to that first answering message's agent.
    Bot messages are ignored (SPEC §4, §7).
-#}
with

chat_messages as (

    select
        shop_id,
        buyer_id,
        agent_id,
        sender_role,
        sent_at,
        cast(sent_at as date) as consult_date,
    from {{ ref('stg_platform__chat_messages') }}
    where sender_role in ('buyer', 'agent')
        -- A unit is one local date: its date alone places it in a window.
        and {{ event_window_filter('sent_at') }}

),

units as (

    select
        shop_id,
        buyer_id,
        consult_date,
        min(sent_at) as first_buyer_message_at,
        min(sent_at) filter (
            where cast(date_trunc('second', sent_at) as time)
                between cast('{{ var("business_hours_start") }}' as time)
                and cast('{{ var("business_hours_end") }}' as time)
        ) as first_business_hours_message_at,
    from chat_messages
    where sender_role = 'buyer'
    group by
        shop_id,
        buyer_id,
        consult_date

),

agent_messages as (

    select
        shop_id,
        buyer_id,
        consult_date,
        agent_id,
        sent_at,
    from chat_messages
    where sender_role = 'agent'

),

answered as (

    select
        units.shop_id,
        units.buyer_id,
        units.consult_date,
        any_value(units.first_buyer_message_at) as first_buyer_message_at,
        any_value(units.first_business_hours_message_at) as first_business_hours_message_at,
        min(agent_messages.sent_at) filter (
            where agent_messages.sent_at >= units.first_buyer_message_at
        ) as first_reply_at,
        min({'sent_at': agent_messages.sent_at, 'agent_id': agent_messages.agent_id}) filter (
            where agent_messages.sent_at >= units.first_business_hours_message_at
        ) as first_business_hours_reply,
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
        shop_id,
        buyer_id,
        consult_date,
        first_buyer_message_at,
        first_reply_at,
        epoch(first_reply_at - first_buyer_message_at) as first_reply_seconds,
        first_business_hours_message_at,
        first_business_hours_reply.sent_at as first_business_hours_reply_at,
        first_business_hours_reply.agent_id as first_business_hours_reply_agent_id,
    from answered

)

select
    shop_id,
    buyer_id,
    consult_date,
    first_buyer_message_at,
    first_reply_at,
    first_reply_seconds,
    first_business_hours_message_at,
    first_business_hours_reply_at,
    first_business_hours_reply_agent_id,
from final
