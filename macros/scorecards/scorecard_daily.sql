{#-
    Wide BI scorecards, one model per scheme (models/marts/scorecards/fct_<scheme>_scorecard_daily.sql): one
    row per (score_date, shop_id), every dimension score and flag of the scheme as its own column, the
    week-on-week change of the total and the peer rank band the merchant sees.

    scorecard_pivot_columns(scheme) reads, at compile time, which columns the scheme's scorecard pivots:
      - dimensions: the distinct `dimension` of seed metric_catalogue for the scheme -> `<dimension>_score`;
      - flags: the `flag`s of seed flag_rules for the scheme, plus `eligible_<event>` for each event of seed
        tmall_event_thresholds when the scheme is the events' scheme (SPEC §6) -> `is_<flag>`.
    Both lists are sorted by name. When dbt is only parsing (`execute` false) or a seed is not loaded yet,
    it returns empty lists: the SQL is then never run, and a build always loads the seeds first (they are
    parents through the refs below). The contract of each scorecard lists the same columns, so a seed that
    gains a dimension or flag fails the build with a contract error until the YAML lists the new column.

    scorecard_daily(scheme) renders the whole model for one scheme; see the models' YAML for the columns.
    The scorecards are incremental like every dated mart (SPEC §11): a run writes its own score dates
    (run_dates_filter) and reads the published marts' history for what looks back: the total of D - 7
    and each flag's values on the built dates up to D (previous day, date it last changed), so building
    dates in several runs gives the same rows as one run over all of them.
-#}

{% macro scorecard_pivot_columns(scheme) -%}
    {{ return(adapter.dispatch('scorecard_pivot_columns')(scheme)) }}
{%- endmacro %}

{% macro default__scorecard_pivot_columns(scheme) -%}
    {%- set columns = {'dimensions': [], 'flags': [], 'metrics': []} -%}
    {%- set seeds = {} -%}
    {%- for seed_name in ['metric_catalogue', 'flag_rules', 'tmall_event_thresholds'] -%}
        {#- A model refs the seeds (so they build first); a unit test reads the loaded seeds as they are. -#}
        {%- do seeds.update({seed_name: scorecard_seed_relation(seed_name)}) -%}
    {%- endfor -%}
    {%- if execute
        and seeds.values() | select('none') | list | length == 0
        and load_relation(seeds['metric_catalogue']) is not none
        and load_relation(seeds['flag_rules']) is not none
        and load_relation(seeds['tmall_event_thresholds']) is not none -%}
        {%- set dimension_rows = run_query(
            "select distinct dimension from " ~ seeds['metric_catalogue']
            ~ " where scheme = '" ~ scheme ~ "' order by dimension"
        ) -%}
        {%- set flag_rows = run_query(
            "select flag from " ~ seeds['flag_rules'] ~ " where scheme = '" ~ scheme ~ "'"
            ~ " union select 'eligible_' || event from " ~ seeds['tmall_event_thresholds']
            ~ " where '" ~ scheme ~ "' = '" ~ event_thresholds_scheme() ~ "'"
            ~ " order by 1"
        ) -%}
        {%- set metric_rows = run_query(
            "select metric from " ~ seeds['metric_catalogue']
            ~ " where scheme = '" ~ scheme ~ "' order by metric"
        ) -%}
        {%- do columns.update({
            'dimensions': dimension_rows.columns[0].values() | list,
            'flags': flag_rows.columns[0].values() | list,
            'metrics': metric_rows.columns[0].values() | list,
        }) -%}
    {%- endif -%}
    {{ return(columns) }}
{%- endmacro %}

{#-
    The relation of a seed: ref() inside a model (a DAG edge: the seed loads first). A unit test, where
    ref() resolves only the test's given inputs, gets none (so no pivoted column): it sets the columns
    with `overrides: macros: scorecard_pivot_columns`.
-#}
{% macro scorecard_seed_relation(seed_name) -%}
    {%- if model.resource_type == 'unit_test' -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(ref(seed_name)) }}
{%- endmacro %}

{% macro scorecard_daily(scheme) -%}
    {{ return(adapter.dispatch('scorecard_daily')(scheme)) }}
{%- endmacro %}

{% macro default__scorecard_daily(scheme) -%}
{%- set pivot = scorecard_pivot_columns(scheme) -%}
{#- Peer rank bands are this many percentage points wide (default 10: 'top 0%–10%' … 'top 90%–100%'). -#}
{%- set band_percent = var('scorecard_rank_band_percent', 10) -%}
with

scores as (

    select * from {{ ref('fct_shop_score_daily') }}
    where scheme = '{{ scheme }}'
        and {{ run_dates_filter('score_date') }}

),

week_before_scores as (

    -- Totals of D - 7, from the published history when D - 7 precedes this run.
    select * from {{ ref('fct_shop_score_daily') }}
    where scheme = '{{ scheme }}'
        and {{ run_dates_filter('score_date', 7) }}

),

dimension_scores as (

    select * from {{ ref('fct_shop_dimension_score_daily') }}
    where scheme = '{{ scheme }}'
        and {{ run_dates_filter('score_date') }}

),

flags as (

    select * from {{ ref('fct_shop_flag_daily') }}
    where scheme = '{{ scheme }}'
        -- Every built date up to the run's last: the previous value and the last change look back.
        and {{ run_dates_filter('score_date', 'all') }}

),

shops as (

    select * from {{ ref('dim_shops') }}

),

categories as (

    select * from {{ ref('dim_categories') }}

),

category_ancestors as (

    select * from {{ ref('int_category_ancestors_listed') }}

),

flags_with_previous as (

    select
        score_date,
        shop_id,
        flag,
        is_set,
        lag(is_set) over shop_flag_dates as previous_is_set,
        lag(score_date) over shop_flag_dates as previous_score_date,
    from flags
    window shop_flag_dates as (partition by shop_id, flag order by score_date)

),

flag_changes as (

    -- The built dates on which a flag differs from the previous built date (few rows).
    select
        shop_id,
        flag,
        score_date as changed_date,
    from flags_with_previous
    where is_set != previous_is_set

),

flag_history as (

    -- Per flag: its value on D-1 (when built), and the latest change on or before D (NULL when it
    -- never changed within the built dates).
    select
        flags_with_previous.score_date,
        flags_with_previous.shop_id,
        flags_with_previous.flag,
        case
            when flags_with_previous.previous_score_date = flags_with_previous.score_date - 1
                then flags_with_previous.previous_is_set
        end as is_set_previous_day,
        flag_changes.changed_date,
    from flags_with_previous
    {{ latest_change_join('flag_changes', 'flags_with_previous', ['shop_id', 'flag'], 'changed_date', 'score_date') | indent(4) }}

),

metric_values as (

    select * from {{ ref('fct_shop_metric_daily') }}
    where scheme = '{{ scheme }}'
        and {{ run_dates_filter('score_date') }}

),

group_members as (

    select * from {{ ref('int_peer_group_members_listed') }}
    where scheme = '{{ scheme }}'

),

peer_medians as (

    -- SPEC §3 peer groups: the median published value of the group's scored shops (NULLs left out).
    select
        group_members.score_date,
        group_members.peer_group_id,
        metric_values.metric,
        median(metric_values.value) as peer_median,
    from group_members
    inner join metric_values using (score_date, shop_id)
    group by
        group_members.score_date,
        group_members.peer_group_id,
        metric_values.metric

),

contributions as (

    select * from {{ ref('fct_shop_metric_contribution_daily') }}
    where scheme = '{{ scheme }}'
        and {{ run_dates_filter('score_date') }}

),

targets as (

    select * from {{ ref('fct_shop_improvement_target_daily') }}
    where scheme = '{{ scheme }}'
        and {{ run_dates_filter('score_date') }}

),

labels as (

    select * from {{ ref('labels') }}
    where scheme = '{{ scheme }}'

),

{%- if scheme == 'pdd' %}

core_problems as (

    select * from {{ ref('fct_shop_core_problem_daily') }}
    where scheme = '{{ scheme }}'
        and {{ run_dates_filter('score_date') }}
        and is_core_problem
        and problem_rank = 1

),
{%- endif %}

costliest_metrics as (

    -- The metric that loses the most points (ties by name); none when nothing loses points.
    select
        score_date,
        shop_id,
        metric as costliest_metric,
        points_lost as costliest_metric_points_lost,
    from contributions
    where points_lost > 0
    qualify row_number() over (partition by score_date, shop_id order by points_lost desc, metric) = 1

),

next_targets as (

    select
        score_date,
        shop_id,
        max(next_threshold) as next_threshold,
        max(metric) filter (where is_easiest) as easiest_target_metric,
        max(target_ranking_value) filter (where is_easiest) as easiest_target_ranking_value,
    from targets
    group by score_date, shop_id

),

metrics_pivoted as (

    select
        metric_values.score_date,
        metric_values.shop_id,
        {%- for metric in pivot.get('metrics', []) %}
        max(metric_values.value) filter (where metric_values.metric = '{{ metric }}') as {{ metric }}_value,
        max(peer_medians.peer_median) filter (where metric_values.metric = '{{ metric }}') as {{ metric }}_peer_median,
        {%- endfor %}
    from metric_values
    inner join scores using (score_date, shop_id)
    left join peer_medians
        on peer_medians.score_date = metric_values.score_date
        and peer_medians.peer_group_id = scores.peer_group_id
        and peer_medians.metric = metric_values.metric
    group by metric_values.score_date, metric_values.shop_id

),

flag_history_pivoted as (

    select
        score_date,
        shop_id,
        {%- for flag in pivot['flags'] %}
        bool_or(is_set_previous_day) filter (where flag = '{{ flag }}') as is_{{ flag }}_previous_day,
        max(changed_date) filter (where flag = '{{ flag }}') as {{ flag }}_changed_date,
        {%- endfor %}
    from flag_history
    where {{ run_dates_filter('score_date') }}
    group by score_date, shop_id

),

dimensions_pivoted as (

    select
        score_date,
        shop_id,
        {%- for dimension in pivot['dimensions'] %}
        max(dimension_score) filter (where dimension = '{{ dimension }}') as {{ dimension }}_score,
        {%- endfor %}
    from dimension_scores
    group by score_date, shop_id

),

flags_pivoted as (

    select
        score_date,
        shop_id,
        {%- for flag in pivot['flags'] %}
        -- A missing flag row reads as not set (SPEC §3: an insufficient shop has no flag set).
        coalesce(bool_or(is_set) filter (where flag = '{{ flag }}'), false) as is_{{ flag }},
        {%- endfor %}
    from flags
    where {{ run_dates_filter('score_date') }}
    group by score_date, shop_id

),

peer_set_ranks as (

    {#-
        SPEC §3: the peers of category c are the scored shops whose main category is c or lies below c.
        Each scored shop is counted once in the peer set of its category and of every ancestor, so the
        rank inside any peer group is one window: rank() - 1 = peers with a strictly higher total.
    -#}
    select
        scores.score_date,
        scores.shop_id,
        category_ancestors.ancestor_category_id as peer_group_id,
        rank() over (
            partition by scores.score_date, category_ancestors.ancestor_category_id
            order by scores.total_score desc
        ) - 1 as peer_shops_above,
        count(*) over (
            partition by scores.score_date, category_ancestors.ancestor_category_id
        ) as peer_shops_ranked,
    from scores
    inner join category_ancestors
        on category_ancestors.category_id = scores.category_id
    where scores.score_status = 'scored'
        and scores.total_score is not null

),

peer_ranks as (

    -- Keep each shop's rank in its own peer group only.
    select
        peer_set_ranks.score_date,
        peer_set_ranks.shop_id,
        peer_set_ranks.peer_shops_above,
        -- Lower edge of the band, in whole percent, by integer division (no float rounding at edges):
        -- floor(above / ranked × 100 / band) × band.
        {{ integer_division(
            'peer_set_ranks.peer_shops_above * 100',
            'peer_set_ranks.peer_shops_ranked * ' ~ band_percent,
        ) }} * {{ band_percent }} as peer_band_lo_percent,
    from peer_set_ranks
    inner join scores using (score_date, shop_id, peer_group_id)

),

final as (

    select
        cast(scores.score_date as date) as score_date,
        cast(scores.scheme as varchar) as scheme,
        cast(scores.shop_id as varchar) as shop_id,
        cast(shops.shop_name as varchar) as shop_name,
        cast(scores.category_id as varchar) as category_id,
        cast(categories.category_name as varchar) as category_name,
        cast(scores.peer_group_id as varchar) as peer_group_id,
        cast(scores.peer_count as bigint) as peer_count,
        cast(scores.score_status as varchar) as score_status,
        cast(scores.volume as bigint) as volume,
        {%- for dimension in pivot['dimensions'] %}
        cast(dimensions_pivoted.{{ dimension }}_score as double) as {{ dimension }}_score,
        {%- endfor %}
        cast(scores.total_score as double) as total_score,
        {%- for flag in pivot['flags'] %}
        cast(coalesce(flags_pivoted.is_{{ flag }}, false) as boolean) as is_{{ flag }},
        {%- endfor %}
        -- Change over a week: both totals must exist, else NULL.
        cast(scores.total_score - week_before.total_score as double) as total_score_change_7d,
        cast(peer_ranks.peer_shops_above as bigint) as peer_shops_above,
        -- 'top L%–H%': L% to H% of the peer group's ranked shops have a strictly higher total.
        cast(
            'top '
            || peer_ranks.peer_band_lo_percent
            || '%–'
            || (peer_ranks.peer_band_lo_percent + {{ band_percent }})
            || '%' as varchar
        ) as peer_rank_band,
        {%- for flag in pivot['flags'] %}
        cast(flag_history_pivoted.is_{{ flag }}_previous_day as boolean) as is_{{ flag }}_previous_day,
        cast(flag_history_pivoted.{{ flag }}_changed_date as date) as {{ flag }}_changed_date,
        {%- endfor %}
        {%- for metric in pivot.get('metrics', []) %}
        cast(metrics_pivoted.{{ metric }}_value as double) as {{ metric }}_value,
        cast(metrics_pivoted.{{ metric }}_peer_median as double) as {{ metric }}_peer_median,
        {%- endfor %}
        {%- if scheme == 'pdd' %}
        cast(core_problems.reason_code as varchar) as top_core_problem,
        cast(core_problem_labels.label_zh as varchar) as top_core_problem_label_zh,
        cast(core_problems.excess_share as double) as top_core_problem_excess_share,
        {%- endif %}
        cast(costliest_metrics.costliest_metric as varchar) as costliest_metric,
        cast(costliest_labels.label_zh as varchar) as costliest_metric_label_zh,
        cast(costliest_metrics.costliest_metric_points_lost as double) as costliest_metric_points_lost,
        cast(next_targets.next_threshold as double) as next_threshold,
        cast(next_targets.easiest_target_metric as varchar) as easiest_target_metric,
        cast(easiest_labels.label_zh as varchar) as easiest_target_metric_label_zh,
        cast(next_targets.easiest_target_ranking_value as double) as easiest_target_ranking_value,
    from scores
    left join shops using (shop_id)
    left join categories
        on categories.category_id = scores.category_id
    left join dimensions_pivoted using (score_date, shop_id)
    left join flags_pivoted using (score_date, shop_id)
    left join peer_ranks using (score_date, shop_id)
    left join flag_history_pivoted using (score_date, shop_id)
    left join metrics_pivoted using (score_date, shop_id)
    {%- if scheme == 'pdd' %}
    left join core_problems using (score_date, shop_id)
    left join labels as core_problem_labels
        on core_problem_labels.kind = 'reason'
        and core_problem_labels.name = core_problems.reason_code
    {%- endif %}
    left join costliest_metrics using (score_date, shop_id)
    left join labels as costliest_labels
        on costliest_labels.kind = 'metric'
        and costliest_labels.name = costliest_metrics.costliest_metric
    left join next_targets using (score_date, shop_id)
    left join labels as easiest_labels
        on easiest_labels.kind = 'metric'
        and easiest_labels.name = next_targets.easiest_target_metric
    {#- last: its columns score_date and shop_id must not make the joins by name above ambiguous #}
    left join week_before_scores as week_before
        on week_before.shop_id = scores.shop_id
        and week_before.score_date = scores.score_date - 7

)

select * from final
{%- endmacro %}
