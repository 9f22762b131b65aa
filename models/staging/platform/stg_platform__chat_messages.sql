{#- Good rows of raw chat_messages (SPEC §2), typed, deduplicated, current version per key; the rejected ones are in quarantine.rejected_rows. -#}
{#- A view: the checked table already holds the typed rows; a filter costs less than a copy. -#}
{{ config(materialized='view') }}

with

checked as (

    select * from {{ ref('base_platform__chat_messages_checked') }}

),

final as (

    select
        -- ids and text
        message_id,
        conversation_id,
        shop_id,
        buyer_id,
        agent_id,
        sender_role,
        -- timestamps (naive local Asia/Shanghai)
        sent_at,
    from checked
    {#- the current version of each key (SPEC §11; is_current implies a good row) #}
    where is_current

)

select * from final
