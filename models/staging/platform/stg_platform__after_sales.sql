{#- Good rows of raw after_sales (SPEC §2), typed, deduplicated, current version per key; the rejected ones are in quarantine.rejected_rows. -#}
{#- A view: the checked table already holds the typed rows; a filter costs less than a copy. -#}
{{ config(materialized='view') }}

with

checked as (

    select * from {{ ref('base_platform__after_sales_checked') }}

),

final as (

    select
        -- ids and text
        after_sale_id,
        order_id,
        shop_id,
        after_sale_type,
        reason_code,
        after_sale_status,
        -- numbers
        refund_amount,
        -- timestamps (naive local Asia/Shanghai)
        applied_at,
        merchant_approved_at,
        return_signed_at,
        refund_approved_at,
        completed_at,
    from checked
    {#- the current version of each key (SPEC §11; is_current implies a good row) #}
    where is_current

)

select * from final
