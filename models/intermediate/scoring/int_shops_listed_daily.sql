{#-
    Grain: one row per (score_date, shop_id): the shops listed on a score date D this run builds. A shop
    is listed on D when its status is 'active' and it is open on D: its opened_date is on or before D, or
    unknown (NULL). SPEC §10 lists every active shop per score date; a shop that opens after D did not
    exist on D (DESIGN "Shops listed from their opening"), and this is the rule that makes a daily
    warehouse equal one full build (SPEC §11): on D a delivery through D-1 cannot hold a shop opened
    after D (its row is future_timestamp:opened_date until the load cut-off passes its opening).
    The only place the rule is written; every per-shop, per-date list of the scoring chain reads it.
-#}
with

shops as (

    select
        shop_id,
        category_id,
        opened_date,
    from {{ ref('stg_platform__shops') }}
    where shop_status = 'active'

),

score_dates as (

    select score_date
    from {{ ref('int_score_dates_listed') }}

),

final as (

    select
        score_dates.score_date,
        shops.shop_id,
        shops.category_id,
    from shops
    inner join score_dates
        on shops.opened_date is null
        or shops.opened_date <= score_dates.score_date

)

select * from final
