{#-
    A scheme's metric union (DESIGN: adding a metric model): the metric rows of that scheme's metric
    models, cast once to the metric-row types; int_<scheme>__metric_values_unioned lists its models
    and calls this, and int_metric_values_unioned unions those per-scheme unions as they are.
-#}
{% macro metric_models_unioned(model_names) -%}
    {{ return(adapter.dispatch('metric_models_unioned')(model_names)) }}
{%- endmacro %}

{% macro default__metric_models_unioned(model_names) -%}
    {#- A scheme's union is a view over its metric models, for every scheme: set here, not per model. -#}
    {{ config(materialized="view") }}
    {#- The metric-row columns and their types (DESIGN), written here only. -#}
    {{ return(models_unioned(model_names, {
        'score_date': 'date',
        'scheme': 'varchar',
        'shop_id': 'varchar',
        'metric': 'varchar',
        'numerator': 'double',
        'denominator': 'double',
        'value': 'double',
        'ranking_numerator': 'double',
        'ranking_denominator': 'double',
    })) }}
{%- endmacro %}
