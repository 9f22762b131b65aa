{#-
    Business hours (SPEC §4, §5, §7: 08:00:00-22:59:59): the one test of whether a chat message was
    sent in them. Whole seconds: the time is truncated to the second, so 22:59:59.5 is still inside;
    both bounds (vars business_hours_start / business_hours_end) are inclusive.
-#}
{% macro is_business_hours(sent_at) -%}
    {{ return(adapter.dispatch('is_business_hours')(sent_at)) }}
{%- endmacro %}

{% macro default__is_business_hours(sent_at) -%}
    cast(date_trunc('second', {{ sent_at }}) as time)
        between cast('{{ var("business_hours_start") }}' as time)
        and cast('{{ var("business_hours_end") }}' as time)
{%- endmacro %}
