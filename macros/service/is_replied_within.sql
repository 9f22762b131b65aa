{#-
    The reply-window comparison (SPEC §4, §5: "within 180 s", exactly 180 s passes; SPEC §7's 30 s
    likewise): true when a message's seconds to its next agent message are at most the window, false
    when they are more or the message was never answered (response_seconds NULL). Exact: response
    seconds are microsecond differences, so 180.000001 s is over a 180 s window.
-#}
{% macro is_replied_within(response_seconds, window_seconds=none) -%}
    {{ return(adapter.dispatch('is_replied_within')(response_seconds, window_seconds)) }}
{%- endmacro %}

{% macro default__is_replied_within(response_seconds, window_seconds=none) -%}
    {%- set window = var('reply_window_seconds') if window_seconds is none else window_seconds -%}
    coalesce({{ response_seconds }} <= {{ window }}, false)
{%- endmacro %}
