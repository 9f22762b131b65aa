{#-
    History in every date-keyed mart (SPEC §11): a run replaces exactly the dates it builds and leaves
    every other date as it was. The marts are `materialized: incremental` with the custom strategy
    `replace_dates` (dbt_project.yml, models/marts): delete every row whose date column lies in the
    run's range, then insert the run's rows, in one transaction. Unlike dbt's delete+insert on a
    unique_key (which deletes only the keys present in the new rows), a date whose rows have all
    vanished is emptied too, and a run that builds no date deletes nothing.

    The run's dates are the rows of int_score_dates_listed (one per score date D). A mart names its
    date column in `meta: {replaced_date_column: ...}`: `score_date` replaces [first D, last D];
    `kpi_date` replaces the KPI dates the run builds (kpi_date_bounds_sql, SPEC §7).
-#}

{#- The model int_score_dates_listed as a relation, or none when it is not built (yet). -#}
{% macro score_dates_relation() -%}
    {{ return(adapter.dispatch('score_dates_relation')()) }}
{%- endmacro %}

{% macro default__score_dates_relation() -%}
    {%- set node = graph.nodes.get('model.' ~ project_name ~ '.int_score_dates_listed') -%}
    {%- if node is none -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias)) }}
{%- endmacro %}

{#-
    The first and last score date of this run as ISO strings: {'known': true, 'start': ..., 'end': ...}
    (start and end none when the run builds no date). known = false while dbt only parses, in a unit
    test (whose given rows stand in for the dates) and before int_score_dates_listed exists: callers
    then filter nothing. Read at execution from the built table, so a mart run after it sees exactly
    the dates the run's intermediate models were built for.
-#}
{% macro run_score_date_bounds() -%}
    {{ return(adapter.dispatch('run_score_date_bounds')()) }}
{%- endmacro %}

{% macro default__run_score_date_bounds() -%}
    {%- set bounds = {'known': false, 'start': none, 'end': none} -%}
    {%- if execute and model is defined and model.resource_type != 'unit_test' -%}
        {%- set relation = score_dates_relation() -%}
        {%- if relation is not none -%}
            {%- set row = run_query(
                'select cast(min(score_date) as ' ~ dbt.type_string() ~ '), cast(max(score_date) as '
                ~ dbt.type_string() ~ ') from ' ~ relation
            ).rows[0] -%}
            {%- do bounds.update({'known': true, 'start': row[0], 'end': row[1]}) -%}
        {%- endif -%}
    {%- endif -%}
    {{ return(bounds) }}
{%- endmacro %}

{#-
    SPEC §7: the KPI dates of a run are [first score date - cs_kpi_lookback_days, last score date - 1].
    Renders the select list over a relation (or CTE) `score_dates` with column score_date; the one
    place this rule is written (int_cs_kpi__agent_days_aggregated and the replace_dates strategy).
-#}
{% macro kpi_date_bounds_sql(score_dates) -%}
    {{ return(adapter.dispatch('kpi_date_bounds_sql')(score_dates)) }}
{%- endmacro %}

{% macro default__kpi_date_bounds_sql(score_dates) -%}
    select
        cast(min(score_date) - {{ var('cs_kpi_lookback_days') }} as date) as kpi_date_start,
        cast(max(score_date) - 1 as date) as kpi_date_end,
    from {{ score_dates }}
{%- endmacro %}

{#-
    The inclusive range of values of `date_column` this run replaces: score_date -> the run's score dates,
    kpi_date -> kpi_date_bounds_sql. 'start' and 'end' are SQL date literals ('cast(null as date)' when the
    run builds no date, so a delete matches nothing); 'dates' lists every date of the range as ISO text
    (empty when the run builds no date).
-#}
{% macro replaced_date_bounds(date_column) -%}
    {{ return(adapter.dispatch('replaced_date_bounds')(date_column)) }}
{%- endmacro %}

{% macro default__replaced_date_bounds(date_column) -%}
    {%- set relation = score_dates_relation() -%}
    {%- if relation is none -%}
        {{ exceptions.raise_compiler_error(
            'replace_dates: int_score_dates_listed is not built, so the dates to replace in ' ~ this
            ~ ' are unknown; build it first (dbt build builds it before every mart).'
        ) }}
    {%- endif -%}
    {%- if date_column == 'score_date' -%}
        {%- set bounds_sql = 'select min(score_date), max(score_date) from ' ~ relation -%}
    {%- elif date_column == 'kpi_date' -%}
        {%- set bounds_sql = 'select * from (' ~ kpi_date_bounds_sql(relation) ~ ')' -%}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            'replace_dates: ' ~ this ~ ' sets meta.replaced_date_column = ' ~ date_column
            ~ "; it must be 'score_date' or 'kpi_date'."
        ) }}
    {%- endif -%}
    {%- set row = run_query(engine_sql(
        'select cast(d1 as ' ~ dbt.type_string() ~ '), cast(d2 as ' ~ dbt.type_string() ~ ') from ('
        ~ bounds_sql ~ ') as b(d1, d2)'
    )).rows[0] -%}
    {%- set dates = [] -%}
    {%- if row[0] is not none -%}
        {%- set first = modules.datetime.date.fromisoformat(row[0]) -%}
        {%- for day in range((modules.datetime.date.fromisoformat(row[1]) - first).days + 1) -%}
            {%- do dates.append((first + modules.datetime.timedelta(days=day)).isoformat()) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return({
        'start': "cast('" ~ row[0] ~ "' as date)" if row[0] is not none else 'cast(null as date)',
        'end': "cast('" ~ row[1] ~ "' as date)" if row[1] is not none else 'cast(null as date)',
        'dates': dates,
    }) }}
{%- endmacro %}

{#- The mart's date column (meta.replaced_date_column), or a stop naming the model when it is not set. -#}
{% macro replaced_date_column() -%}
    {%- set date_column = (config.get('meta') or {}).get('replaced_date_column') -%}
    {%- if not date_column -%}
        {{ exceptions.raise_compiler_error(
            'replace_dates: ' ~ this ~ ' has no meta.replaced_date_column; set it to the mart\'s date column.'
        ) }}
    {%- endif -%}
    {{ return(date_column) }}
{%- endmacro %}

{#-
    The custom incremental strategy (dbt looks up get_incremental_<strategy>_sql): delete the run's
    dates from the target, insert the run's rows. arg_dict is dbt's: target_relation, temp_relation,
    dest_columns (unique_key and incremental_predicates are not used).
-#}
{% macro get_incremental_replace_dates_sql(arg_dict) -%}
    {{ return(adapter.dispatch('get_incremental_replace_dates_sql')(arg_dict)) }}
{%- endmacro %}

{% macro default__get_incremental_replace_dates_sql(arg_dict) -%}
    {%- set date_column = replaced_date_column() -%}
    {%- set bounds = replaced_date_bounds(date_column) -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    delete from {{ arg_dict['target_relation'] }}
    where {{ adapter.quote(date_column) }} between {{ bounds['start'] }} and {{ bounds['end'] }};

    insert into {{ arg_dict['target_relation'] }} ({{ columns }})
    select {{ columns }}
    from {{ arg_dict['temp_relation'] }}
{%- endmacro %}

{#-
    Spark (issue #12): the same rule with dbt-spark's own strategy, since dbt-spark takes no custom one.
    There a mart is `insert_overwrite` partitioned by its date column (dbt_project.yml), with dynamic
    partition overwrite: the insert replaces only the partitions its rows fall in. This pre-hook of every
    mart first drops each partition of the run's dates, so that a date whose rows all vanished is emptied
    too, as replace_dates does. Parquet tables have no transaction: a run that fails between the drop and
    the insert leaves its dates empty until it is run again (DuckDB's strategy is one transaction).
    Nothing on DuckDB, on a first build and on --full-refresh.
-#}
{% macro replace_dates_pre_hook() -%}
    {{ return(adapter.dispatch('replace_dates_pre_hook')()) }}
{%- endmacro %}

{% macro default__replace_dates_pre_hook() -%}
{%- endmacro %}

{% macro spark__replace_dates_pre_hook() -%}
    {%- if execute and is_incremental() -%}
        {%- set date_column = replaced_date_column() -%}
        {%- if config.get('partition_by') not in [date_column, [date_column]] -%}
            {{ exceptions.raise_compiler_error(
                'replace_dates on Spark: ' ~ this ~ ' is partitioned by ' ~ config.get('partition_by')
                ~ ' but replaces dates of ' ~ date_column ~ '; set partition_by to ' ~ date_column
                ~ ' (dbt_project.yml, models/marts).'
            ) }}
        {%- endif -%}
        {%- set dates = replaced_date_bounds(date_column)['dates'] -%}
        {%- if dates -%}
        alter table {{ this }} drop if exists
            {% for date in dates %}partition ({{ date_column }} = '{{ date }}'){{ ', ' if not loop.last }}{% endfor %}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#-
    A predicate keeping the rows of `column` (a score date) that this run builds, widened by
    `days_before` days before the first date (an integer; 'all' = every earlier date): what a model
    reading the published marts needs for the run's dates and their D - 7 or previous days. `true`
    when the dates are not known (parse, unit tests: the given rows are the run's), `false` when the
    run builds no date.
-#}
{% macro run_dates_filter(column, days_before=0) -%}
    {{ return(adapter.dispatch('run_dates_filter')(column, days_before)) }}
{%- endmacro %}

{% macro default__run_dates_filter(column, days_before=0) -%}
    {%- set bounds = run_score_date_bounds() -%}
    {%- if not bounds['known'] -%}
        true
    {%- elif bounds['start'] is none -%}
        false
    {%- elif days_before == 'all' -%}
        {{ column }} <= cast('{{ bounds['end'] }}' as date)
    {%- else -%}
        {{ column }} between cast('{{ bounds['start'] }}' as date) - {{ days_before | int }}
            and cast('{{ bounds['end'] }}' as date)
    {%- endif -%}
{%- endmacro %}

{#-
    A predicate keeping the rows of `column` (a score date) dated in the `days` days before this run's
    first date: the history an incremental mart reads from itself (`this`) for D - 7 (false when the
    run builds no date or the dates are unknown).
-#}
{% macro before_run_dates_filter(column, days) -%}
    {{ return(adapter.dispatch('before_run_dates_filter')(column, days)) }}
{%- endmacro %}

{% macro default__before_run_dates_filter(column, days) -%}
    {%- set bounds = run_score_date_bounds() -%}
    {%- if not bounds['known'] or bounds['start'] is none -%}
        false
    {%- else -%}
        {{ column }} >= cast('{{ bounds['start'] }}' as date) - {{ days | int }}
        and {{ column }} < cast('{{ bounds['start'] }}' as date)
    {%- endif -%}
{%- endmacro %}
