{#-
    One row per item of a list written in the SQL (items: SQL expressions separated by commas, a trailing
    comma allowed), as a set-returning expression of a select list: DuckDB unnest([items]), Spark
    explode(array(items)). Called as a block, so the items keep their comments and layout:
    {% raw %}{% call unnest_list() %} a, b, {% endcall %}{% endraw %}.
-#}
{% macro unnest_list() -%}
    {{ return(adapter.dispatch('unnest_list')(caller())) }}
{%- endmacro %}


{% macro default__unnest_list(items) -%}
    unnest([{{ items }}])
{%- endmacro %}


{% macro spark__unnest_list(items) -%}
    explode(array({{ items }}))
{%- endmacro %}
