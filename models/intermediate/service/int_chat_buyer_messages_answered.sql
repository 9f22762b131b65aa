{#-
    Grain: one row per buyer chat message. The one per-message derivation of chat replies, shared by
    douyin (im_3min_reply_rate: a conversation's first buyer message), the CS KPIs
    (response_30s_rate: every business-hours buyer message; avg_response_seconds: the first buyer
    message of each run) and anything else that needs "the next agent message".
    Rules (SPEC §7): bot messages are ignored everywhere; the next agent message of a buyer message is
    the first `agent` message of the same conversation at or after it (the same second counts), and
    the buyer message is credited to that message's agent. The one reply-window test (var
    reply_window_seconds, macro is_replied_within) and the one business-hours test (macro
    is_business_hours) are applied here; pdd's reply_3min_rate reads them through
    int_chat_consulting_units_answered. A run of consecutive buyer messages ends at
    an agent message; at equal timestamps a buyer message sorts before an agent message, so an agent
    message at the same second answers it and ends its run.
-#}
{#- one sort serves all three windows below (Spark takes no frame on a named window: the order is written once here) #}
{%- set conversation_order = "partition by conversation_id order by sent_at, sender_role = 'agent', message_id" %}
with

chat_messages as (

    -- Bots never count (SPEC §4, §7). Only conversations with a message in some window of the run's
    -- dates are read, whole, so that runs and next agent messages are the same as over all history.
    select * from {{ ref('stg_platform__chat_messages') }}
    where sender_role in ('buyer', 'agent')
        and conversation_id in (
            select windowed_messages.conversation_id
            from {{ ref('stg_platform__chat_messages') }} as windowed_messages
            where {{ event_window_filter('windowed_messages.sent_at') }}
        )

),

sequenced as (

    -- one sort serves all three: at equal timestamps buyer messages sort before agent messages,
    -- so the frame "current row and after" of a buyer message holds its same-second agent replies
    select
        *,
        first_value(
            case
                when sender_role = 'agent'
                    then {{ struct_of_values(['sent_at', 'agent_id'], ['sent_at', 'agent_id']) }}
            end
            ignore nulls
        ) over ({{ conversation_order }} rows between current row and unbounded following) as next_agent_message,
        lag(sender_role) over ({{ conversation_order }}) as previous_sender_role,
        count(*) filter (where sender_role = 'buyer') over (
            {{ conversation_order }} rows between unbounded preceding and 1 preceding
        ) as earlier_buyer_message_count,
    from chat_messages

),

answered as (

    select
        sequenced.message_id,
        sequenced.conversation_id,
        sequenced.shop_id,
        sequenced.buyer_id,
        sequenced.sent_at,
        cast(sequenced.sent_at as date) as sent_date,
        {{ is_business_hours('sequenced.sent_at') }} as is_business_hours,
        sequenced.earlier_buyer_message_count = 0 as is_conversation_first,
        coalesce(sequenced.previous_sender_role = 'agent', true) as is_run_first,
        -- next_agent_message is a struct: its fields read as <cte>.<column>.<field>
        sequenced.next_agent_message.sent_at as next_agent_sent_at,
        sequenced.next_agent_message.agent_id as next_agent_id,
        {{ seconds_between('sequenced.sent_at', 'sequenced.next_agent_message.sent_at') }} as response_seconds,
    from sequenced
    where sequenced.sender_role = 'buyer'

),

final as (

    select
        *,
        {{ is_replied_within('response_seconds') }} as is_replied_in_window,
    from answered

)

select * from final
