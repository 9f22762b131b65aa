{#-
    The models of a list that belong to the schemes chosen by var `schemes` (model names start with
    `int_<scheme>__`). Lets a platform build only the schemes it needs, e.g.
    `--vars '{schemes: [pdd]}'`; an unknown scheme name stops the build with the valid names.
-#}
{% macro scheme_models_selected(model_names) -%}
    {{ return(adapter.dispatch('scheme_models_selected')(model_names)) }}
{%- endmacro %}

{% macro default__scheme_models_selected(model_names) -%}
    {%- set known = [] -%}
    {%- for name in model_names -%}
        {%- set scheme = name.split('__')[0][4:] -%}
        {%- if scheme not in known -%}{%- do known.append(scheme) -%}{%- endif -%}
    {%- endfor -%}
    {%- set chosen = var('schemes') -%}
    {%- if chosen is string -%}{%- set chosen = [chosen] -%}{%- endif -%}
    {%- for scheme in chosen -%}
        {%- if scheme not in known -%}
            {{ exceptions.raise_compiler_error(
                "var schemes: unknown scheme '" ~ scheme ~ "'. Valid schemes: " ~ known | join(', ')
                ~ ". Fix the value in dbt_project.yml or in --vars."
            ) }}
        {%- endif -%}
    {%- endfor -%}
    {%- if chosen | length == 0 -%}
        {{ exceptions.raise_compiler_error("var schemes is empty: name at least one of " ~ known | join(', ') ~ ".") }}
    {%- endif -%}
    {%- set selected = [] -%}
    {%- for name in model_names -%}
        {%- if name.split('__')[0][4:] in chosen -%}{%- do selected.append(name) -%}{%- endif -%}
    {%- endfor -%}
    {{ return(selected) }}
{%- endmacro %}
