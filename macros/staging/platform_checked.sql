{#-
    One "checked" relation per raw table (SPEC §2, §9): reads the source ONCE, types every column with
    try_cast, and gives each raw row its FIRST failing reason (NULL = good). stg_platform__<table> keeps
    the good rows, quarantine.rejected_rows the others, so raw rows = staged rows + quarantined rows.

    Reasons (docs/DESIGN.md), checked in this fixed order:
      1 null_key                      a key column NULL
      2 duplicate_key                 a later copy of a key (first by source file path, then row number, wins)
      3 invalid_value:<col>           a non-NULL value that does not cast to the contract type (column order)
      4 null_required:<col>           a required column NULL (order as listed in the model)
      5 invalid_enum:<col>            a value outside the contract's enum (order as listed)
      6 unknown_<parent>:<col>        a reference to a missing or quarantined parent (order as listed)
      7 shop_mismatch:shop_id         the row's shop differs from its order's shop
      8 timestamp_order:<later col>   the later timestamp is before the one it must follow (order as listed)
      9 future_timestamp:<col>        a timestamp (or opened_date) after the load cut-off (column order)
     10 negative_amount:<col>         amount / refund_amount < 0
     11 rating_out_of_range:<col>     a rating outside 1-5
    <col> is always the RAW column name (the raw row is what is rejected).

    The macro also sets the model's configuration (incremental, delete+insert by file and row, the pre-hook
    below), which this SQL relies on: a base model is only the call.

    The columns, their types and their order (the staging order) are the raw contract of source
    platform (models/staging/platform/_platform__sources.yml, macro raw_contract_columns).

    Arguments (all column names are raw names):
      table_name       raw table / source name
      key              raw key column(s); several = composite key
      renamed          {raw_name: staging_name} for the columns staging renames (others keep their name)
      deadlines        times set in advance (tickets.due_at), which the load cut-off does not apply to:
                       a row may know its own deadline before it falls
      required         columns that must not be NULL
      enums            {column: [allowed values]} or {column: 'ref:<seed>.<column>'}
      parents          [{column, parent, model, parent_key, match_shop (bool, optional)}]
      self_parent      {column, parent}: a reference to another row of this table (category tree)
      timestamp_order  [[later, earlier], ...]: later must not be before earlier
      non_negative     columns that must be >= 0
      ratings          columns that must be within 1-5 when not NULL
-#}
{% macro platform_checked(
    table_name,
    key,
    renamed={},
    deadlines=[],
    required=[],
    enums={},
    parents=[],
    self_parent=none,
    timestamp_order=[],
    non_negative=[],
    ratings=[]
) -%}
    {#- The model's configuration belongs to this SQL: it rewrites rows by (file, row number) after its
        pre-hook emptied the files it stages again, and reads {{ this }} for earlier loads. -#}
    {%- do config(
        materialized=platform_checked_materialized(),
        incremental_strategy='delete+insert',
        unique_key=['source_file', 'source_row_number'],
        pre_hook="{{ platform_checked_pre_hook(" ~ sql_string(table_name) ~ ") }}",
    ) -%}
    {#- [[raw_name, staging_name, type(, 'deadline')], ...] in the contract's (staging) order -#}
    {%- set contract = raw_contract_columns(table_name) -%}
    {%- set unknown = (renamed.keys() | list + deadlines) | reject('in', contract) | list -%}
    {%- if execute and unknown -%}
        {{ exceptions.raise_compiler_error(
            'platform_checked(' ~ table_name ~ '): ' ~ unknown | join(', ') ~ ' not in the contract of source platform.' ~ table_name
        ) }}
    {%- endif -%}
    {%- set columns = [] -%}
    {%- for name, data_type in contract.items() -%}
        {%- do columns.append(
            [name, renamed.get(name, name), data_type | lower] + (['deadline'] if name in deadlines else [])
        ) -%}
    {%- endfor -%}
    {{ return(adapter.dispatch('platform_checked')(
        table_name, columns, key, required, enums, parents, self_parent, timestamp_order, non_negative, ratings
    )) }}
{%- endmacro %}


{% macro default__platform_checked(
    table_name, columns, key, required, enums, parents, self_parent, timestamp_order, non_negative, ratings
) -%}
{#- The source stays the model's parent (lineage, selection); its files are read by list, new ones only. -#}
{%- set source_relation = source('platform', table_name) -%}
{%- set incremental = is_incremental() -%}
{%- set full_load = platform_full_load(table_name, incremental) -%}
{%- set files = platform_files_to_load(table_name, full_load) -%}
{%- set recheck = incremental and not full_load -%}
{%- set file_list = raw_file_list(files) -%}
{%- set file_columns = platform_file_columns(file_list, files) if files else [] -%}
{%- set present = {} -%}
{%- for name, type in file_columns -%}
    {%- do present.update({name | lower: type}) -%}
{%- endfor -%}
{#- With no new file, an empty source of the contract's columns (text) keeps every column typed. -#}
{%- if not files -%}
    {%- for column in columns -%}
        {%- do file_columns.append([column[0], 'VARCHAR']) -%}
        {%- do present.update({column[0] | lower: 'VARCHAR'}) -%}
    {%- endfor -%}
{%- endif -%}
{%- set raw_struct_type -%}
    struct({% for name, type in file_columns %}"{{ name | replace('"', '""') }}" {{ type }}{{ ', ' if not loop.last }}{% endfor %})
{%- endset -%}
{%- set types = {} -%}
{%- set staging_names = {} -%}
{%- for column in columns -%}
    {%- do staging_names.update({column[0]: column[1]}) -%}
    {%- do types.update({column[0]: column[2]}) -%}
{%- endfor -%}
{%- set key_expression -%}
    {%- if key | length == 1 -%}
        cast({{ platform_raw_column(key[0], present) }} as varchar)
    {%- else -%}
        concat_ws('|', {% for column in key %}cast({{ platform_raw_column(column, present) }} as varchar){{ ', ' if not loop.last }}{% endfor %})
    {%- endif -%}
{%- endset -%}
{%- set new_partitions = files | map(attribute='partition_date') | unique | list -%}
{%- set reload_tables = platform_reload_tables() -%}
{%- set snapshot_cutoff = load_cutoff_at() -%}
{#- refs outside any condition, so that dbt records them when it parses the model -#}
{%- set parent_checked = {} -%}
{%- for parent in parents -%}
    {%- set parent_table = parent.model.replace('stg_platform__', '') -%}
    {%- do parent_checked.update({parent_table: ref('base_platform__' ~ parent_table ~ '_checked')}) -%}
{%- endfor -%}
with {{ 'recursive' if self_parent }}

{% if files %}
files (source_path, source_file, partition_date, source_file_size, source_file_modified_at) as (

    values
    {%- for file in files %}
        ({{ sql_string(file.path) }}, {{ sql_string(file.file) }},
         {{ "date " ~ sql_string(file.partition_date) if file.partition_date else "cast(null as date)" }},
         {{ file.size }}, cast({{ sql_string(file.modified_at) }} as timestamptz)){{ ',' if not loop.last }}
    {%- endfor %}

),

source as {{ cte_materialized(false) }} (

    {{ platform_raw_source(file_list, files) }}

),
{% else %}
files (source_path, source_file, partition_date, source_file_size, source_file_modified_at) as (

    select
        cast(null as varchar),
        cast(null as varchar),
        cast(null as date),
        cast(null as bigint),
        cast(null as timestamptz)
    where false

),

source as (

    {#- no file to load this run: no rows, every column typed #}
    select
        struct_pack({% for column in columns %}"{{ column[0] }}" := cast(null as varchar){{ ', ' if not loop.last }}{% endfor %}) as raw_struct,
        cast(null as varchar) as filename,
        cast(null as bigint) as file_row_number,
        {%- for column in columns %}
        cast(null as varchar) as "{{ column[0] }}",
        {%- endfor %}
    where false

),
{% endif %}

{% for parent in parents %}
{{ parent.parent }}_{{ loop.index }} as (

    select
        {{ parent.parent_key }},
        {%- if parent.get('match_shop') %}
        shop_id,
        {%- endif %}
        true as is_present
    from {{ ref(parent.model) }}

),

{% endfor %}
{% for column, allowed in enums.items() if allowed is string %}
enum_{{ column }} as (

    select {{ allowed.split('.')[1] }} as allowed_value
    from {{ ref(allowed.split(':')[1].split('.')[0]) }}

),

{% endfor %}
typed as {{ cte_materialized(false) }} (

    {#- Everything may be bad (SPEC §2): each value is try_cast, and a failed cast is remembered. #}
    select
        files.source_file,
        source.file_row_number as source_row_number,
        files.partition_date,
        files.source_file_size,
        files.source_file_modified_at,
        {{ key_expression }} as row_key,
        source.raw_struct,
        cast(null as json) as raw_json,
        {%- for column in columns %}
        {{ platform_typed_value(column[0], column[2], present) }} as {{ column[1] }},
        {%- endfor %}
        {% for column in key %}{{ platform_raw_column(column, present) }} is null{{ ' or ' if not loop.last }}{% endfor %} as is_null_key,
        case
            when false
                then cast(null as varchar)
            {%- for column in columns if column[2] != 'varchar' %}
            when {{ platform_raw_column(column[0], present) }} is not null
                and {{ platform_typed_value(column[0], column[2], present) }} is null
                then 'invalid_value:{{ column[0] }}'
            {%- endfor %}
            {%- for column in required %}
            when {{ platform_raw_column(column, present) }} is null
                then 'null_required:{{ column }}'
            {%- endfor %}
            {%- for column, allowed in enums.items() %}
            when {{ platform_raw_column(column, present) }} is not null
                {%- if allowed is string %}
                and cast({{ platform_raw_column(column, present) }} as varchar) not in (select allowed_value from enum_{{ column }})
                {%- else %}
                and try_cast({{ platform_raw_column(column, present) }} as {{ types[column] }}) not in ({% for value in allowed %}{{ "'" ~ value ~ "'" if value is string else value }}{{ ', ' if not loop.last }}{% endfor %})
                {%- endif %}
                then 'invalid_enum:{{ column }}'
            {%- endfor %}
        end as own_reason
    from source
    inner join files
        on source.filename = files.source_path

),

{% if recheck and files %}
earlier_copies as (

    {#- keys already loaded in the partitions of this run's files (SPEC §11: two rows of one key in the
        SAME partition are bad, also when the second arrives in a later load) #}
    select distinct
        row_key,
        partition_date
    from {{ this }}
    where row_key is not null
        and (false
            {%- if new_partitions | select | list %}
            or partition_date in ({% for day in new_partitions | select %}date {{ sql_string(day) }}{{ ', ' if not loop.last }}{% endfor %})
            {%- endif %}
            {%- if none in new_partitions %}
            or partition_date is null
            {%- endif %}
        )

),

{% endif %}
copied_keys as {{ cte_materialized(true) }} (

    {#- keys of more than one row in this run's files. They are rare, and only their rows can be a later
        copy (or, in a full load, an older version): the windows below see these rows only, and every
        other row streams past them (a window over all rows, wide as they are, cost ~0.8 s per window on
        1.5M chat messages: docs/DESIGN.md). #}
    {{ repeated_row_keys('typed') }}

),

later_copies as (

    {#- duplicate_key: every row of a key in one partition after the first (by source file, then row number) #}
    select
        source_file,
        source_row_number
    from (
        select
            source_file,
            source_row_number,
            row_number() over (
                partition by row_key, partition_date
                order by source_file, source_row_number
            ) as copy_number
        from typed
        where row_key in (select row_key from copied_keys)
    ) as copies
    where copy_number > 1

),

new_rows as {{ cte_materialized(recheck) }} (

    select
        typed.* exclude (is_null_key, own_reason),
        case
            when typed.is_null_key
                then 'null_key'
            when later_copies.source_file is not null
            {%- if recheck and files %}
                or earlier_copies.row_key is not null
            {%- endif %}
                then 'duplicate_key'
            else typed.own_reason
        end as early_reason,
        cast(null as varchar) as previous_reason,
        cast(null as boolean) as previous_is_current,
        '{{ invocation_id }}' as loaded_run_id,
        {{ platform_run_started_at() }} as loaded_at,
    from typed
    left join later_copies
        on typed.source_file = later_copies.source_file
        and typed.source_row_number = later_copies.source_row_number
    {%- if recheck and files %}
    left join earlier_copies
        on typed.row_key = earlier_copies.row_key
        and typed.partition_date is not distinct from earlier_copies.partition_date
    {%- endif %}

),

{% if recheck %}
{%- set may_change -%}
    previous.early_reason is null
        and (
            previous.reason like 'unknown\_%' escape '\'
            or previous.partition_date is null
            {%- if self_parent %}
            or true
            {%- endif %}
            {%- for parent in parents %}
            {%- set parent_table = parent.model.replace('stg_platform__', '') %}
            {%- if parent_table in reload_tables %}
            or previous.{{ staging_names[parent.column] }} is not null
            {%- else %}
            or previous.{{ staging_names[parent.column] }} in (
                select {{ parent.parent_key }}
                from {{ parent_checked[parent_table] }}
                where checked_run_id = '{{ invocation_id }}'
            )
            {%- endif %}
            {%- endfor %}
        )
{%- endset %}
version_keys as (

    {#- keys whose current version may change: keys of the new rows and of the re-checked rows #}
    select row_key from new_rows where row_key is not null
    union
    select previous.row_key from {{ this }} as previous where previous.row_key is not null and {{ may_change }}

),

rechecked_rows as (

    {#- Rows of earlier loads whose reason may change in this load (checks that need other rows, SPEC §11): a
        missing parent may have arrived, a parent's new version may name another shop, and the cut-off of
        rows outside partitions moves with the latest partition (rows with an early reason never change);
        and the good versions of every key above, to decide again which version is current. #}
    select
        previous.source_file,
        previous.source_row_number,
        previous.partition_date,
        previous.source_file_size,
        previous.source_file_modified_at,
        previous.row_key,
        cast(null as {{ raw_struct_type }}) as raw_struct,
        previous.raw_row as raw_json,
        {%- for column in columns %}
        previous.{{ column[1] }},
        {%- endfor %}
        previous.early_reason,
        previous.reason as previous_reason,
        previous.is_current as previous_is_current,
        previous.loaded_run_id,
        previous.loaded_at,
    from {{ this }} as previous
    where ({{ may_change }})
        or (previous.reason is null and previous.row_key in (select row_key from version_keys))

),

{% endif %}
checked_rows as {{ cte_materialized(false) }} (

    select * from new_rows
    {%- if recheck %}
    union all
    select * from rechecked_rows
    {%- endif %}

),

valued as {{ cte_materialized(false) }} (

    {#- Checks on the row's own typed values that come after the parent checks in the reason order. #}
    select
        checked_rows.*,
        {%- set time_columns = columns | selectattr(2, 'in', ['timestamp', 'date'])
            | rejectattr(3, 'equalto', 'deadline') | list %}
        {%- if not (timestamp_order or time_columns or non_negative or ratings) %}
        cast(null as varchar) as value_reason
        {%- else %}
        case
            {%- for pair in timestamp_order %}
            when {{ staging_names[pair[0]] }} < {{ staging_names[pair[1]] }}
                then 'timestamp_order:{{ pair[0] }}'
            {%- endfor %}
            {%- for column in time_columns %}
            when {{ column[1] }} > cast({{ partition_cutoff_at('partition_date', snapshot_cutoff) }} as {{ column[2] }})
                then 'future_timestamp:{{ column[0] }}'
            {%- endfor %}
            {%- for column in non_negative %}
            when {{ staging_names[column] }} < 0
                then 'negative_amount:{{ column }}'
            {%- endfor %}
            {%- for column in ratings %}
            when {{ staging_names[column] }} not between 1 and 5
                then 'rating_out_of_range:{{ column }}'
            {%- endfor %}
        end as value_reason
        {%- endif %}
    from checked_rows

),

{% if self_parent %}
candidates as (

    select
        {{ staging_names[key[0]] }},
        {{ staging_names[self_parent.column] }}
    from valued
    where early_reason is null
        and value_reason is null

),

reachable as (

    {#- A row is good only if its whole chain of parents up to a root is good (cycle-safe: union). -#}
    select {{ staging_names[key[0]] }}
    from candidates
    where {{ staging_names[self_parent.column] }} is null

    {{ recursive_union() }}

    select candidates.{{ staging_names[key[0]] }}
    from candidates
    inner join reachable
        on candidates.{{ staging_names[self_parent.column] }} = reachable.{{ staging_names[key[0]] }}

),

{% endif %}
reasoned as {{ cte_materialized(false) }} (

    select
        valued.*,
        coalesce(
            valued.early_reason,
            {%- if not (self_parent or parents) %}
            cast(null as varchar),
            {%- else %}
            case
                {%- if self_parent %}
                when valued.{{ staging_names[self_parent.column] }} is not null
                    and valued.{{ staging_names[key[0]] }} not in (select {{ staging_names[key[0]] }} from reachable)
                    then 'unknown_{{ self_parent.parent }}:{{ self_parent.column }}'
                {%- endif %}
                {%- for parent in parents %}
                when valued.{{ staging_names[parent.column] }} is not null
                    and {{ parent.parent }}_{{ loop.index }}.is_present is null
                    then 'unknown_{{ parent.parent }}:{{ parent.column }}'
                {%- endfor %}
                {%- for parent in parents %}
                {%- if parent.get('match_shop') %}
                when {{ parent.parent }}_{{ loop.index }}.shop_id is distinct from valued.shop_id
                    and {{ parent.parent }}_{{ loop.index }}.is_present
                    then 'shop_mismatch:shop_id'
                {%- endif %}
                {%- endfor %}
            end,
            {%- endif %}
            valued.value_reason
        ) as reason
    from valued
    {%- for parent in parents %}
    left join {{ parent.parent }}_{{ loop.index }}
        on valued.{{ staging_names[parent.column] }} = {{ parent.parent }}_{{ loop.index }}.{{ parent.parent_key }}
    {%- endfor %}

),

versioned_keys as (

    {#- keys of more than one row checked here: only they have versions to choose between. A full load
        checks exactly this run's rows, whose repeated keys copied_keys holds. #}
    {%- if recheck %}
    {{ repeated_row_keys('checked_rows') }}
    {%- else %}
    select row_key from copied_keys
    {%- endif %}

),

latest_versions as (

    {#- the latest partition among each repeated key's good rows; max() skips NULL, so a row outside
        partitions is older than every partition. One partition holds at most one good row of a key (a
        second copy is duplicate_key), so this names exactly one row. #}
    select
        row_key,
        max(partition_date) as latest_partition_date
    from reasoned
    where reason is null
        and row_key in (select row_key from versioned_keys)
    group by row_key

),

versioned as (

    {#- is_current (SPEC §11): a good row, of the latest partition among its key's good rows. A quarantined
        later version never supersedes a good earlier one: only good rows compete. #}
    select
        reasoned.*,
        reasoned.reason is null
            and (
                latest_versions.row_key is null
                or reasoned.partition_date is not distinct from latest_versions.latest_partition_date
            ) as is_current,
    from reasoned
    left join latest_versions
        on reasoned.row_key = latest_versions.row_key

),

final as (

    select
        source_file,
        source_row_number,
        partition_date,
        row_key,
        {#- the raw row is kept (as JSON) for rejected rows only: storing every good row twice would double
            the write. A row of an earlier load that turns bad on a re-check keeps its typed values. #}
        case
            when reason is not null
                then coalesce(
                    {{ json_of_row('raw_struct', file_columns) }},
                    raw_json,
                    {{ json_of_row(struct_of_values(columns | map(attribute=0) | list, columns | map(attribute=1) | list)) }}
                )
        end as raw_row,
        {%- for column in columns %}
        {{ column[1] }},
        {%- endfor %}
        early_reason,
        reason,
        is_current,
        loaded_run_id,
        '{{ invocation_id }}' as checked_run_id,
        loaded_at,
        source_file_size,
        source_file_modified_at,
    from versioned
    {%- if recheck %}
    {#- an earlier row is written again only when its reason or its being current changed #}
    where previous_reason is distinct from reason
        or previous_is_current is distinct from is_current
        or loaded_run_id = '{{ invocation_id }}'
    {%- endif %}

)

select * from final
{%- endmacro %}


{#- The keys (row_key) that more than one row of relation holds: the only keys with copies or versions. -#}
{% macro repeated_row_keys(relation) -%}
    select row_key
    from {{ relation }}
    where row_key is not null
    group by row_key
    having count(*) > 1
{%- endmacro %}


{#-
    pre-hook of every base model: make the table hold exactly the rows of the files in the loaded-files
    log, so that this run's files (new, or staged by a run that crashed before the log was written) are
    staged again from scratch: idempotent. A table in var reload_tables, or without a log, is emptied.
-#}
{% macro platform_checked_pre_hook(table_name) -%}
    {{ return(adapter.dispatch('platform_checked_pre_hook')(table_name)) }}
{%- endmacro %}


{% macro default__platform_checked_pre_hook(table_name) -%}
    {%- if execute and is_incremental() -%}
        {%- set log_relation = platform_loaded_files_relation() -%}
        {%- if platform_full_load(table_name, true) -%}
            delete from {{ this }}
        {%- else -%}
            delete from {{ this }}
            where source_file not in (
                select file_path from {{ log_relation }} where table_name = {{ sql_string(table_name) }}
            )
        {%- endif -%}
    {%- else -%}
        select 1 as nothing_to_delete
    {%- endif -%}
{%- endmacro %}


{#- [[column name, DuckDB type], ...] of a list of Parquet files read by name (footers only, no data);
    files: the same files as platform_raw_files lists them (Spark reads them by path). -#}
{% macro platform_file_columns(file_list, files) -%}
    {{ return(adapter.dispatch('platform_file_columns')(file_list, files)) }}
{%- endmacro %}


{% macro default__platform_file_columns(file_list, files) -%}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set described = run_query(
        'describe select * from read_parquet(' ~ file_list ~ ', union_by_name = true, hive_partitioning = false)'
    ) -%}
    {%- set found = [] -%}
    {%- for row in described.rows -%}
        {%- do found.append([row[0], row[1] | upper]) -%}
    {%- endfor -%}
    {{ return(found) }}
{%- endmacro %}


{#- A raw column as SQL: the quoted column, or NULL when no file of the table has it (SPEC §2). -#}
{% macro platform_raw_column(column_name, present) -%}
    {%- if present is none or column_name | lower in present -%}
        "{{ column_name }}"
    {%- else -%}
        cast(null as varchar)
    {%- endif -%}
{%- endmacro %}


{#- The type a raw column has in the table's files (upper case, as describe gives it; '' when unknown). -#}
{% macro platform_source_type(column_name, present) -%}
    {{ return((present or {}).get(column_name | lower, '') if present is mapping else '') }}
{%- endmacro %}


{#-
    A raw column typed to the contract type as SQL (try_cast: NULL when it does not cast). Timestamps are
    naive local platform time (SPEC §2), so a value that carries its own zone is converted to Asia/Shanghai
    instead of having its zone dropped (issue #13: '2026-10-30T09:37:34Z' is 17:37:34 local):
      - a TIMESTAMP WITH TIME ZONE column (tz-aware Parquet) is converted with timezone();
      - a text value whose time is followed by a zone ('Z', '+08:00', '-0500', 'Asia/Tokyo') is read as
        TIMESTAMPTZ and converted; a zone DuckDB cannot read gives NULL, i.e. invalid_value:<col>;
      - any other value is try_cast as it is (naive local time).
-#}
{% macro platform_typed_value(column_name, column_type, present) -%}
    {{ return(adapter.dispatch('platform_typed_value')(column_name, column_type, present)) }}
{%- endmacro %}


{% macro default__platform_typed_value(column_name, column_type, present) -%}
    {%- set raw = platform_raw_column(column_name, present) -%}
    {%- set source_type = platform_source_type(column_name, present) -%}
    {%- if column_type == 'timestamp' and source_type == 'TIMESTAMP WITH TIME ZONE' -%}
        timezone('{{ platform_time_zone() }}', {{ raw }})
    {%- elif column_type == 'timestamp' and source_type == 'VARCHAR' -%}
        case
            when regexp_matches({{ raw }}, ':\d\d(\.\d*)?\s*[A-Za-z+-]')
                then timezone('{{ platform_time_zone() }}', try_cast({{ raw }} as timestamptz))
            else try_cast({{ raw }} as timestamp)
        end
    {%- else -%}
        try_cast({{ raw }} as {{ column_type }})
    {%- endif -%}
{%- endmacro %}


{#- {lower-case column name: DuckDB type} of an external source, read from the Parquet footers (no data scanned). -#}
{% macro platform_source_column_names(source_relation) -%}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set described = run_query('describe select * from ' ~ source_relation) -%}
    {%- set names = {} -%}
    {%- for row in described.rows -%}
        {%- do names.update({row[0] | lower: row[1] | upper}) -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}
