{#-
    An aggregate: the values of a text expression in the group, sorted ascending (byte order) and joined
    with a separator into one text. DuckDB array_to_string(list_sort(list(...))), Spark
    array_join(array_sort(collect_list(...))) (issue #12). Null values are left out on both.
-#}
{% macro sorted_text_agg(expression, separator) -%}
    {{ return(adapter.dispatch('sorted_text_agg')(expression, separator)) }}
{%- endmacro %}


{% macro default__sorted_text_agg(expression, separator) -%}
    array_to_string(list_sort(list({{ expression }})), {{ separator }})
{%- endmacro %}


{% macro spark__sorted_text_agg(expression, separator) -%}
    array_join(array_sort(collect_list({{ expression }})), {{ separator }})
{%- endmacro %}
