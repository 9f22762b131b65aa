{#-
    Seconds from one timestamp to a later one, as a double (microseconds kept; negative when "later" is
    earlier). DuckDB epoch(later - earlier), the seconds of the interval; Spark (issue #12)
    timestampdiff in microseconds / 1e6 (Spark has no epoch of an interval). Both read the same naive
    local times (Spark's are instants in the session zone Asia/Shanghai, which has no daylight saving).
-#}
{% macro seconds_between(earlier, later) -%}
    {{ return(adapter.dispatch('seconds_between')(earlier, later)) }}
{%- endmacro %}


{% macro default__seconds_between(earlier, later) -%}
    epoch({{ later }} - {{ earlier }})
{%- endmacro %}


{% macro spark__seconds_between(earlier, later) -%}
    (timestampdiff(MICROSECOND, {{ earlier }}, {{ later }}) / 1e6)
{%- endmacro %}
