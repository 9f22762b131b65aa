{#- Good rows of raw reviews (SPEC §2), typed, deduplicated, current version per key; the rejected ones are in quarantine.rejected_rows. -#}
{#- A view: the checked table already holds the typed rows; a filter costs less than a copy. -#}
{{ config(materialized='view') }}

with

checked as (

    select * from {{ ref('base_platform__reviews_checked') }}

),

final as (

    select
        -- ids and text
        review_id,
        order_id,
        shop_id,
        buyer_id,
        -- booleans
        is_first_review,
        -- numbers
        product_rating,
        service_rating,
        logistics_rating,
        -- timestamps (naive local Asia/Shanghai)
        created_at,
    from checked
    {#- the current version of each key (SPEC §11; is_current implies a good row) #}
    where is_current

)

select * from final
