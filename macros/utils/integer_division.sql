{#-
    The integer quotient of two integer expressions, truncated toward zero: DuckDB's `//`, Spark's `div`
    (issue #12). Both operands are parenthesised.
-#}
{% macro integer_division(numerator, denominator) -%}
    {{ return(adapter.dispatch('integer_division')(numerator, denominator)) }}
{%- endmacro %}


{% macro default__integer_division(numerator, denominator) -%}
    ({{ numerator }}) // ({{ denominator }})
{%- endmacro %}


{% macro spark__integer_division(numerator, denominator) -%}
    ({{ numerator }}) div ({{ denominator }})
{%- endmacro %}
