{#- SPEC §8: exactly one easiest metric per shop and date that has a reachable target, none otherwise. -#}
with

targets as (

    select
        score_date,
        scheme,
        shop_id,
        count(*) filter (where is_easiest) as easiest_count,
        count(*) filter (where is_reachable) as reachable_count,
    from {{ ref('fct_shop_improvement_target_daily') }}
    where {{ built_rows_where('score_date') }}
    group by
        score_date,
        scheme,
        shop_id

),

final as (

    select
        score_date,
        scheme,
        shop_id,
        easiest_count,
        reachable_count,
    from targets
    where easiest_count != least(reachable_count, 1)

)

select * from final
