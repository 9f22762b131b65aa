{#-
    SPEC §10: every active shop has a row per score date and scheme in fct_shop_score_daily, scored
    or not, from its opened_date on (DESIGN "Shops listed from their opening"), and no other shop has
    one. Restated from stg_platform__shops, not read from int_shops_listed_daily (a second route). Fails on each missing or extra (score_date, scheme, shop_id).
    Checked on the dates this run built (the mart keeps earlier dates, SPEC §11; each was checked
    by the run that built it).
-#}
with

score_dates as (

    select score_date from {{ ref('int_score_dates_listed') }}

),

schemes as (

    select distinct scheme from {{ ref('int_shop_volumes_unioned') }}

),

expected as (

    select
        score_dates.score_date,
        schemes.scheme,
        shops.shop_id,
    from {{ ref('stg_platform__shops') }} as shops
    cross join score_dates
    cross join schemes
    where shops.shop_status = 'active'
        and (shops.opened_date is null or shops.opened_date <= score_dates.score_date)

),

published as (

    select
        score_date,
        scheme,
        shop_id,
    from {{ ref('fct_shop_score_daily') }}
    where score_date in (select score_dates.score_date from score_dates)

),

missing_rows as (

    select * from expected
    except
    select * from published

),

extra_rows as (

    select * from published
    except
    select * from expected

),

missing as (

    select
        'missing' as problem,
        *,
    from missing_rows

),

extra as (

    select
        'extra' as problem,
        *,
    from extra_rows

)

select * from missing
union all
select * from extra
