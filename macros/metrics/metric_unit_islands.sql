{#-
    Distinct-unit counting for the metric engine (DESIGN: metric units): a unit (e.g. an order)
    that several events (help requests, interventions) make count over overlapping or touching
    ranges of score dates must count once per date, so its ranges are merged into islands: maximal
    runs of consecutive score dates covered by at least one range. Fast path: a unit whose ranges
    all end on the same date is one island [earliest start, that end]; only the others go through
    the two island windows.
-#}
{% macro metric_unit_islands(spans, unit_columns) -%}
    {{ return(adapter.dispatch('metric_unit_islands')(spans, unit_columns)) }}
{%- endmacro %}

{% macro default__metric_unit_islands(spans, unit_columns) -%}
    {%- set unit_list = unit_columns | join(', ') -%}
    with

    valid_spans as (

        select
            {{ unit_list }},
            valid_from_date,
            valid_to_date,
        from {{ spans }}
        where valid_from_date <= valid_to_date

    ),

    unit_bounds as (

        select
            {{ unit_list }},
            min(valid_from_date) as valid_from_date,
            min(valid_to_date) as earliest_valid_to_date,
            max(valid_to_date) as valid_to_date,
        from valid_spans
        group by {{ unit_list }}

    ),

    single_spans as (

        select
            {{ unit_list }},
            valid_from_date,
            valid_to_date,
        from unit_bounds
        where earliest_valid_to_date = valid_to_date

    ),

    multiple_spans as (

        -- distinct: two events with the same span must be one row, or the two island windows below
        -- could sort the tied rows differently and split one unit into two islands.
        select distinct
            {%- for column in unit_columns %}
            valid_spans.{{ column }},
            {%- endfor %}
            valid_spans.valid_from_date,
            valid_spans.valid_to_date,
        from valid_spans
        inner join unit_bounds
            on {% for column in unit_columns -%}
            unit_bounds.{{ column }} = valid_spans.{{ column }}
            {%- if not loop.last %}
            and {% endif -%}
            {%- endfor %}
        where unit_bounds.earliest_valid_to_date < unit_bounds.valid_to_date

    ),

    spans_with_reach as (

        select
            {{ unit_list }},
            valid_from_date,
            valid_to_date,
            max(valid_to_date) over (
                partition by {{ unit_list }}
                order by valid_from_date, valid_to_date
                rows between unbounded preceding and 1 preceding
            ) as previous_reach_date,
        from multiple_spans

    ),

    spans_numbered as (

        select
            {{ unit_list }},
            valid_from_date,
            valid_to_date,
            -- A new island starts when a span neither overlaps nor touches the spans before it.
            sum(
                case
                    when previous_reach_date is null or valid_from_date > previous_reach_date + 1 then 1
                    else 0
                end
            ) over (
                partition by {{ unit_list }}
                order by valid_from_date, valid_to_date
                rows between unbounded preceding and current row
            ) as island_number,
        from spans_with_reach

    ),

    islands as (

        select
            {{ unit_list }},
            min(valid_from_date) as valid_from_date,
            max(valid_to_date) as valid_to_date,
        from spans_numbered
        group by
            {{ unit_list }},
            island_number

    ),

    final as (

        select
            {{ unit_list }},
            valid_from_date,
            valid_to_date,
        from single_spans
        union all
        select
            {{ unit_list }},
            valid_from_date,
            valid_to_date,
        from islands

    )

    select * from final
{%- endmacro %}
