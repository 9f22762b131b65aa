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
    the totals from each change date on; latest_change_join (an ASOF join on DuckDB) picks, for each
    population row, the latest change on or before its score date (a range join of the units with the
    score dates, without one row per unit and date).
    Recency weight (SPEC §5, douyin; weighted): a unit also carries weight_date d and its metric's
    half_life_days h (seed metric_catalogue; the population rows carry h too) and weighs
    0.5 ^ ((D-1-d)/h) on D. The weight factorises as 0.5 ^ ((D-1-a)/h) * 0.5 ^ ((a-d)/h) for any
    anchor a, so the unit's change points carry numerator and denominator scaled by 0.5 ^ ((a-d)/h),
    running sums add them up as above and the ASOF-joined sums are multiplied by D's factor
    0.5 ^ ((D-1-a)/h): unit_ranking_numerator / unit_ranking_denominator. The anchor is the run's last
    score date - 1, so on that date the factor is 1 and each unit's weight is the SPEC expression itself
    (exact for ages that are multiples of h: 1, 0.5, 0.25). Exactness: subtracting double contributions
    leaves rounding residue, so in this mode the engine also counts the units with a non-zero numerator
    (denominator) counting on D, exactly, and returns 0 for a sum none of them feeds; what remains is
    relative rounding of a few ulps (the scaled sums are dominated by the recent units). Scaled values
    stay finite while (last - first score date + longest window) / h < ~1000.
-#}
{% macro metric_unit_windows(units, population, weighted=false) -%}
    {{ return(adapter.dispatch('metric_unit_windows')(units, population, weighted)) }}
{%- endmacro %}

{% macro default__metric_unit_windows(units, population, weighted=false) -%}
    {%- set sums = ['numerator', 'denominator'] + (['ranking_numerator', 'ranking_denominator', 'numerator_units', 'denominator_units'] if weighted else []) -%}
    with

    score_date_bounds as (

        select
            min(score_date) as first_score_date,
            max(score_date) as last_score_date,
            {%- if weighted %}
            max(score_date) - 1 as weight_anchor_date,
            {%- endif %}
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
            {%- if weighted %}
            {{ units }}.numerator * {{ recency_weight('score_date_bounds.weight_anchor_date', units ~ '.weight_date', units ~ '.half_life_days') }}
                as ranking_numerator,
            {{ units }}.denominator * {{ recency_weight('score_date_bounds.weight_anchor_date', units ~ '.weight_date', units ~ '.half_life_days') }}
                as ranking_denominator,
            cast({{ units }}.numerator <> 0 as integer) as numerator_units,
            cast({{ units }}.denominator <> 0 as integer) as denominator_units,
            {%- endif %}
            score_date_bounds.last_score_date,
        from {{ units }}
        cross join score_date_bounds
        where {{ units }}.valid_from_date <= {{ units }}.valid_to_date
            and {{ units }}.valid_from_date <= score_date_bounds.last_score_date
            and {{ units }}.valid_to_date >= score_date_bounds.first_score_date

    ),

    change_points as (

        {#- +n on a unit's first date; -n the day after its last, when that is a built date. #}
        {%- set edges = [
            {'date': 'start_date', 'sign': '', 'only_if': none},
            {'date': 'end_date', 'sign': '-', 'only_if': 'end_date <= last_score_date'},
        ] %}
        {%- for edge in edges %}
        select
            scheme,
            metric,
            shop_id,
            {{ edge.date }} as change_date,
            {%- for column in sums %}
            {{ edge.sign }}{{ exact_amount(column) }} as {{ column }}_change,
            {%- endfor %}
        from clipped_units
        {%- if edge.only_if %}
        where {{ edge.only_if }}
        {%- endif %}
        {%- if not loop.last %}
        union all
        {%- endif %}
        {%- endfor %}

    ),

    running_sums as (

        -- Each date's changes added up, then summed over the dates so far.
        select
            scheme,
            metric,
            shop_id,
            change_date,
            {%- for column in sums %}
            sum(sum({{ column }}_change)) over unit_dates_so_far as {{ column }}_sum,
            {%- endfor %}
        from change_points
        group by
            scheme,
            metric,
            shop_id,
            change_date
        window unit_dates_so_far as (
            partition by scheme, metric, shop_id
            order by change_date
            rows between unbounded preceding and current row
        )

    ),

    final as (

        select
            {{ population }}.*,
            {%- if not weighted %}
            coalesce(running_sums.numerator_sum, 0) as unit_numerator,
            coalesce(running_sums.denominator_sum, 0) as unit_denominator,
            {%- else %}
            {%- for side in ['numerator', 'denominator'] %}
            case
                when coalesce(running_sums.{{ side }}_units_sum, 0) = 0 then 0
                else running_sums.{{ side }}_sum
            end as unit_{{ side }},
            {%- endfor %}
            {%- for side in ['numerator', 'denominator'] %}
            case
                when coalesce(running_sums.{{ side }}_units_sum, 0) = 0 then 0
                else running_sums.ranking_{{ side }}_sum
                    * {{ recency_weight(population ~ '.score_date - 1', 'score_date_bounds.weight_anchor_date', population ~ '.half_life_days') }}
            end as unit_ranking_{{ side }},
            {%- endfor %}
            {%- endif %}
        from {{ population }}
        {{ latest_change_join('running_sums', population, ['scheme', 'metric', 'shop_id'], 'change_date', 'score_date') | indent(8) }}
        {%- if weighted %}
        cross join score_date_bounds
        {%- endif %}

    )

    select * from final
{%- endmacro %}
