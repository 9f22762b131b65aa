{#-
    The scheme whose marketing events seed tmall_event_thresholds lists (SPEC §6: the events are
    Tmall's), from var event_thresholds_scheme: the one place the flags, the scorecards and the
    improvement targets learn which scheme gets an eligible_<event> flag per event.
-#}
{% macro event_thresholds_scheme() -%}
    {{ return(adapter.dispatch('event_thresholds_scheme')()) }}
{%- endmacro %}

{% macro default__event_thresholds_scheme() -%}
    {{ return(var('event_thresholds_scheme')) }}
{%- endmacro %}
