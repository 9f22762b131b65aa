{#-
    Which schemes a build scores (var `schemes`, e.g. `--vars '{schemes: [pdd]}'`), and the models of
    those schemes. A scheme's model is named `int_<scheme>__…` (DESIGN); its volume model is found by
    that rule alone (scheme_volume_models), its metric models are the ones listed in
    int_metric_values_unioned (dbt records a model's parents while parsing, when `graph` is still
    empty, so they cannot be found in the graph: DESIGN).
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

{% macro scheme_volume_models() -%}
    {{ return(adapter.dispatch('scheme_volume_models')()) }}
{%- endmacro %}

{% macro default__scheme_volume_models() -%}
    {%- set names = [] -%}
    {%- for scheme in selected_schemes() -%}
        {%- do names.append('int_' ~ scheme ~ '__shop_volumes_counted') -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}

{% macro scheme_models_selected(model_names) -%}
    {{ return(adapter.dispatch('scheme_models_selected')(model_names)) }}
{%- endmacro %}

{% macro default__scheme_models_selected(model_names) -%}
    {%- set known = [] -%}
    {%- for name in model_names -%}
        {%- set scheme = name.split('__')[0][4:] -%}
        {%- if scheme not in known -%}{%- do known.append(scheme) -%}{%- endif -%}
    {%- endfor -%}
    {%- set chosen = selected_schemes() -%}
    {%- for scheme in chosen -%}
        {%- if scheme not in known -%}
            {{ exceptions.raise_compiler_error(
                "var schemes: unknown scheme '" ~ scheme ~ "'. Valid schemes: " ~ known | join(', ')
                ~ ". Fix the value in dbt_project.yml or in --vars."
            ) }}
        {%- endif -%}
    {%- endfor -%}
    {%- set selected = [] -%}
    {%- for name in model_names -%}
        {%- if name.split('__')[0][4:] in chosen -%}{%- do selected.append(name) -%}{%- endif -%}
    {%- endfor -%}
    {{ return(selected) }}
{%- endmacro %}
