{#- Good rows of raw orders (SPEC §2), typed, deduplicated, current version per key; the rejected ones are in quarantine.rejected_rows. -#}
{#- A view: the checked table already holds the typed rows; a filter costs less than a copy. -#}
{{ config(materialized='view') }}

with

checked as (

    select * from {{ ref('base_platform__orders_checked') }}

),

final as (

    select
        -- ids and text
        order_id,
        shop_id,
        buyer_id,
        -- numbers
        amount,
        -- booleans
        is_presale,
        is_shipping_required,
        -- timestamps (naive local Asia/Shanghai)
        created_at,
        paid_at,
        grouped_at,
        cancelled_at,
    from checked
    {#- the current version of each key (SPEC §11; is_current implies a good row) #}
    where is_current

)

select * from final
