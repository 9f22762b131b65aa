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

{#-
    Bit-identical marts (docs/DESIGN.md): sum over DOUBLE values whose result does not depend on the
    order the rows arrive in. DuckDB adds a group's doubles in whatever order its threads deliver them,
    so a plain sum(x) differs in the last bits from run to run (thread count, file order); each value
    is made an exact decimal (exact_amount) and the decimals are added, which is exact and therefore
    order-free, then the total is cast back to DOUBLE. Sum products as one expression (the product is
    formed in DOUBLE per row, then made exact): decimal products can overflow. |total| < 10^20.
    clauses: what follows the aggregate's parentheses, e.g. "filter (where x is not null) over w".
-#}
{% macro exact_sum(expression, clauses='') -%}
    {{ return(adapter.dispatch('exact_sum')(expression, clauses)) }}
{%- endmacro %}

{% macro default__exact_sum(expression, clauses='') -%}
    cast(sum({{ exact_amount(expression) }}) {{ clauses }} as double)
{%- endmacro %}
