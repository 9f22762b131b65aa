{#-
    Every scheme's metric rows in one relation (DESIGN: the scoring chain reads only this union).
    To add a metric family model, append its name to metric_models; each model outputs the DESIGN
    metric-row columns below, one row per (score_date, shop_id, metric). This list stays literal: dbt
    records a model's parents while parsing, when `graph` is still empty, so models found in the graph
    at run time could not be ref'd (DESIGN). A forgotten entry fails assert_scheme_rows_cover_active_shops.
-#}
{%- set metric_models = [
    'int_pdd__help_rates_computed',
    'int_pdd__reply_3min_rates_computed',
    'int_pdd__dispute_refund_rates_computed',
    'int_pdd__ticket_completion_rates_computed',
    'int_douyin__signed_order_metrics_computed',
    'int_douyin__paid_order_metrics_computed',
    'int_douyin__after_sale_metrics_computed',
    'int_douyin__im_3min_reply_rates_computed',
    'int_tmall__product_rating_avgs_computed',
    'int_tmall__paid_order_metrics_computed',
    'int_tmall__refund_hours_computed',
    'int_tmall__wangwang_metrics_computed',
    'int_tmall__dispute_refund_rates_computed',
] -%}
{#- Only the schemes chosen by var `schemes` are unioned (and so built by a selection). -#}
{%- set metric_models = scheme_models_selected(metric_models) -%}

{{ config(materialized="view") }}

with

final as (

    {% for metric_model in metric_models %}
    select
        cast(score_date as date) as score_date,
        cast(scheme as varchar) as scheme,
        cast(shop_id as varchar) as shop_id,
        cast(metric as varchar) as metric,
        cast(numerator as double) as numerator,
        cast(denominator as double) as denominator,
        cast(value as double) as value,
        cast(ranking_numerator as double) as ranking_numerator,
        cast(ranking_denominator as double) as ranking_denominator,
    from {{ ref(metric_model) }}
    {% if not loop.last %}
    union all
    {% endif %}
    {% endfor %}

)

select * from final
