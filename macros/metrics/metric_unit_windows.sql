{#-
    The metric engine (DESIGN: metric units): turns metric units into each score date's numerator
    and denominator, for any scheme and metric. A unit is one row
    (scheme, metric, shop_id, valid_from_date, valid_to_date, numerator, denominator): it adds its
    numerator and denominator to the shop's metric on every built score date D with
    valid_from_date <= D <= valid_to_date. Every SPEC rule of a window ("in [D-window, D-1]",
    "before D", a malicious flag from its date, an appeal from its decision) is such a range; the
    scheme's units model writes the range, the engine only adds up.
    Technique: each unit's range, clipped to the built score dates, becomes two change points
    (+n on its first date, -n the day after its last); running sums per (scheme, shop, metric) give
    the totals from each change date on; an ASOF join picks, for each population row, the latest
    change on or before its score date (a range join of the units with the score dates, without one
    row per unit and date).
-#}
{% macro metric_unit_windows(units, population) -%}
    {{ return(adapter.dispatch('metric_unit_windows')(units, population)) }}
{%- endmacro %}

{% macro default__metric_unit_windows(units, population) -%}
    with

    score_date_bounds as (

        select
            min(score_date) as first_score_date,
            max(score_date) as last_score_date,
        from {{ ref('int_score_dates_listed') }}

    ),

    clipped_units as (

        select
            {{ units }}.scheme,
            {{ units }}.metric,
            {{ units }}.shop_id,
            -- Everything starting before the first score date is already counting on it.
            greatest({{ units }}.valid_from_date, score_date_bounds.first_score_date) as start_date,
            {{ units }}.valid_to_date + 1 as end_date,
            {{ units }}.numerator,
            {{ units }}.denominator,
            score_date_bounds.last_score_date,
        from {{ units }}
        cross join score_date_bounds
        where {{ units }}.valid_from_date <= {{ units }}.valid_to_date
            and {{ units }}.valid_from_date <= score_date_bounds.last_score_date
            and {{ units }}.valid_to_date >= score_date_bounds.first_score_date

    ),

    change_points as (

        select
            scheme,
            metric,
            shop_id,
            start_date as change_date,
            numerator as numerator_change,
            denominator as denominator_change,
        from clipped_units
        union all
        select
            scheme,
            metric,
            shop_id,
            end_date as change_date,
            -numerator as numerator_change,
            -denominator as denominator_change,
        from clipped_units
        where end_date <= last_score_date

    ),

    daily_changes as (

        select
            scheme,
            metric,
            shop_id,
            change_date,
            sum(numerator_change) as numerator_change,
            sum(denominator_change) as denominator_change,
        from change_points
        group by
            scheme,
            metric,
            shop_id,
            change_date

    ),

    running_sums as (

        select
            scheme,
            metric,
            shop_id,
            change_date,
            sum(numerator_change) over unit_dates_so_far as numerator_sum,
            sum(denominator_change) over unit_dates_so_far as denominator_sum,
        from daily_changes
        window unit_dates_so_far as (
            partition by scheme, metric, shop_id
            order by change_date
            rows between unbounded preceding and current row
        )

    ),

    final as (

        select
            {{ population }}.*,
            coalesce(running_sums.numerator_sum, 0) as unit_numerator,
            coalesce(running_sums.denominator_sum, 0) as unit_denominator,
        from {{ population }}
        asof left join running_sums
            on running_sums.scheme = {{ population }}.scheme
            and running_sums.metric = {{ population }}.metric
            and running_sums.shop_id = {{ population }}.shop_id
            and running_sums.change_date <= {{ population }}.score_date

    )

    select * from final
{%- endmacro %}
