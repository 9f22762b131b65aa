{#-
    Windows in the catalogue (DESIGN: metric units): a units model writes only the date that puts a
    unit in its window (window_date: an order's paid or grouped date, a ticket's created date, ...) and
    the unit's own limits (counts_from_date: e.g. the day after a completion, which must be before D;
    counts_until_date: e.g. a buyer's flag date; NULL = none); the window itself, [D-start, D-end] =
    valid from window_date + window_end_days through window_date + window_start_days, comes from a
    windows relation (metric_catalogue's columns, or scheme_settings' volume window), joined on the
    unit's window key. greatest() / least() skip NULLs. The unit's weight_date (SPEC §5: the date that
    puts it in its window) is its window_date.
-#}
{% macro metric_unit_ranges(units, windows, window_key='metric') -%}
    {{ return(adapter.dispatch('metric_unit_ranges')(units, windows, window_key)) }}
{%- endmacro %}

{% macro default__metric_unit_ranges(units, windows, window_key='metric') -%}
    select
        {{ units }}.* exclude (window_date, counts_from_date, counts_until_date),
        greatest(
            {{ units }}.window_date + {{ windows }}.window_end_days,
            {{ units }}.counts_from_date
        ) as valid_from_date,
        least(
            {{ units }}.window_date + {{ windows }}.window_start_days,
            {{ units }}.counts_until_date
        ) as valid_to_date,
        {{ units }}.window_date as weight_date,
    from {{ units }}
    inner join {{ windows }}
        on {{ windows }}.metric = {{ units }}.{{ window_key }}
{%- endmacro %}

{#-
    The windows relation metric_unit_ranges joins (a CTE body): the window of each metric of a scheme's
    family in seed metric_catalogue (family given), or the scheme's volume window from seed
    scheme_settings as metric 'volume' ([D-volume_window_days, D-1]; family none).
-#}
{% macro metric_windows(scheme, family=none) -%}
    {{ return(adapter.dispatch('metric_windows')(scheme, family)) }}
{%- endmacro %}

{% macro default__metric_windows(scheme, family=none) -%}
    {%- if family is none -%}
    select
        'volume' as metric,
        volume_window_days as window_start_days,
        1 as window_end_days,
    from {{ ref('scheme_settings') }}
    where scheme = '{{ scheme }}'
    {%- else -%}
    select
        metric,
        window_start_days,
        window_end_days,
    from {{ ref('metric_catalogue') }}
    where scheme = '{{ scheme }}'
        and family = '{{ family }}'
    {%- endif -%}
{%- endmacro %}
