{#-
    A DOUBLE contribution (hours, seconds) to a metric unit, as an exact decimal: the metric engine adds
    a unit on its first date and takes it away the day after its last, so in floating point a running
    sum would keep rounding residue and two shops with the same true mean could stop tying. Decimal
    sums are exact; 18 places keep the double's own precision for amounts below 10^20.
-#}
{% macro exact_amount(expression) -%}
    {{ return(adapter.dispatch('exact_amount')(expression)) }}
{%- endmacro %}

{% macro default__exact_amount(expression) -%}
    cast({{ expression }} as decimal(38, 18))
{%- endmacro %}
