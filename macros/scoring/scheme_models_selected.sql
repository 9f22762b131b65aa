{#-
    Which schemes a build scores (var `schemes`, e.g. `--vars '{schemes: [pdd]}'`), and the models of
    those schemes found by name (DESIGN: adding a scheme): a scheme's model is `int_<scheme>__<suffix>`,
    e.g. its volume model int_<scheme>__shop_volumes_counted and its metric union
    int_<scheme>__metric_values_unioned (which lists that scheme's metric models), so the shared unions
    keep no list of models.
-#}
{% macro selected_schemes() -%}
    {{ return(adapter.dispatch('selected_schemes')()) }}
{%- endmacro %}

{% macro default__selected_schemes() -%}
    {%- set chosen = var('schemes') -%}
    {%- if chosen is string -%}{%- set chosen = [chosen] -%}{%- endif -%}
    {%- if chosen | length == 0 -%}
        {{ exceptions.raise_compiler_error("var schemes is empty: name at least one scheme (its default is in dbt_project.yml).") }}
    {%- endif -%}
    {{ return(chosen) }}
{%- endmacro %}

{% macro scheme_models(suffix) -%}
    {{ return(adapter.dispatch('scheme_models')(suffix)) }}
{%- endmacro %}

{% macro default__scheme_models(suffix) -%}
    {%- set names = [] -%}
    {%- for scheme in selected_schemes() -%}
        {%- do names.append('int_' ~ scheme ~ '__' ~ suffix) -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}
