{#-
    Grain: one row per (score_date, scheme, shop_id): every shop listed on a score date
    (int_shops_listed_daily: active and open on it) x every scheme present in the volume union
    (SPEC §10: every active shop is listed, scored or not).
    A shop below its scheme's minimum volume (seed scheme_settings, SPEC §3 "Minimum volume") is
    'insufficient_volume'; a shop with no volume row counts as volume 0.
-#}
with

listed_shops as (

    select
        score_date,
        shop_id,
        category_id,
    from {{ ref('int_shops_listed_daily') }}

),

volumes as (

    select
        score_date,
        scheme,
        shop_id,
        volume,
    from {{ ref('int_shop_volumes_unioned') }}

),

scheme_settings as (

    select
        scheme,
        min_volume,
    from {{ ref('scheme_settings') }}

),

schemes as (

    select distinct volumes.scheme
    from volumes

),

shop_dates as (

    select
        listed_shops.score_date,
        schemes.scheme,
        listed_shops.shop_id,
        listed_shops.category_id,
    from listed_shops
    cross join schemes

),

final as (

    select
        shop_dates.score_date,
        shop_dates.scheme,
        shop_dates.shop_id,
        shop_dates.category_id,
        coalesce(volumes.volume, 0) as volume,
        scheme_settings.min_volume,
        case
            when coalesce(volumes.volume, 0) >= scheme_settings.min_volume then 'scored'
            else 'insufficient_volume'
        end as score_status,
    from shop_dates
    inner join scheme_settings
        on scheme_settings.scheme = shop_dates.scheme
    left join volumes
        on volumes.score_date = shop_dates.score_date
        and volumes.scheme = shop_dates.scheme
        and volumes.shop_id = shop_dates.shop_id

)

select * from final
