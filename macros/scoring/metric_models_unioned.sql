{#-
    A scheme's metric union (DESIGN: adding a metric model): the metric rows of that scheme's metric
    models, cast once to the metric-row types; int_<scheme>__metric_values_unioned lists its models
    and calls this, and int_metric_values_unioned unions those per-scheme unions as they are.
-#}
{% macro metric_models_unioned(model_names) -%}
    {{ return(adapter.dispatch('metric_models_unioned')(model_names)) }}
{%- endmacro %}

{% macro default__metric_models_unioned(model_names) -%}
    with

    final as (

        {% for metric_model in model_names %}
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
{%- endmacro %}
