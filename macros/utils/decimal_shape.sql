{#-
    The precision and scale of a decimal type's text, as [precision, scale] of whole numbers: 'DECIMAL(12,2)'
    (Spark's describe), 'decimal(20, 9)' (a contract type) and 'DECIMAL(12, 2)' all give [12, 2]; none for
    any other type. The one reading of a decimal type (issue #12: Spark's unions, casts and JSON need it).
-#}
{% macro decimal_shape(type) -%}
    {%- set found = modules.re.match('\\s*decimal\\s*\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)\\s*$', type | string | lower) -%}
    {{ return([found.group(1) | int, found.group(2) | int] if found else none) }}
{%- endmacro %}
