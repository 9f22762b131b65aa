{#-
    A struct as JSON text: the raw row of a quarantined row (issue #12: the same text on both engines).
    DuckDB: to_json, whose writer (yyjson) is the reference. Spark's to_json writes the same strings, integers
    and booleans but not the same numbers or timestamps (1.0E20 for 100000000000000000000.0, 1.50 for 1.5,
    2026-10-01T08:00:00.000 for "2026-10-01 08:00:00") and drops null members. So on Spark, given the
    struct's members and their Spark types (`columns`), the object is written member by member in DuckDB's
    form (spark_json_value); without `columns`, Spark's to_json with its null members kept.
-#}
{% macro json_of_row(struct_sql, columns=none) -%}
    {{ return(adapter.dispatch('json_of_row')(struct_sql, columns)) }}
{%- endmacro %}


{% macro default__json_of_row(struct_sql, columns) -%}
    to_json({{ struct_sql }})
{%- endmacro %}


{% macro spark__json_of_row(struct_sql, columns) -%}
    {%- if columns is none -%}
    to_json({{ struct_sql }}, map('ignoreNullFields', 'false'))
    {%- else -%}
    {{ spark_json_object(struct_sql, columns) }}
    {%- endif -%}
{%- endmacro %}


{#- Spark: a struct's JSON object in DuckDB's form, member by member (spark_json_value) in the order of `columns`
    ([[name, Spark type], ...]), null members kept; null for a null struct. depth: of the struct inside values
    being written (it names the lambda variables of nested arrays and maps). -#}
{% macro spark_json_object(struct_sql, columns, depth=0) -%}
    case when {{ struct_sql }} is not null then concat(
        '{',
        {%- for name, type in columns %}
        {{ sql_string(('"' ~ name | replace('\\', '\\\\') | replace('"', '\\"') ~ '":')) }},
        {{ spark_json_value(struct_sql ~ '.`' ~ name | replace('`', '``') ~ '`', type, depth) }},
        {{ "','," if not loop.last }}
        {%- endfor %}
        '}'
    ) end
{%- endmacro %}


{#-
    Spark: one value as the JSON text DuckDB's to_json writes for it, by its Spark type (upper case, as
    `describe` gives it); null is null.
      - STRING, integers, BOOLEAN: Spark's to_json of the value alone (same escapes as DuckDB's);
      - TIMESTAMP_NTZ, DATE: their text ("2026-10-01 08:00:00.5", fraction only when there is one);
      - TIMESTAMP (an instant, DuckDB's TIMESTAMP WITH TIME ZONE): its text in the session time zone and
        the zone's offset, +08 (minutes only when not :00);
      - DECIMAL(p, s): up to 15 digits DuckDB writes it as a double (1.50 -> 1.5, 2.00 -> 2.0); wider, its
        plain text with its s decimals (2.000000000, 0.000000001: spark_decimal_text);
      - DOUBLE, FLOAT (widened to double, as DuckDB does): spark_duckdb_number of the shortest digits that
        read back as the same double (spark_shortest_number_text);
      - TIME: its text (08:00:00, 00:00:00.1);
      - BINARY: DuckDB's text of a blob (spark_blob_text: printable ASCII as it is, other bytes \xHH);
      - ARRAY<t>, MAP<k,v>, STRUCT<name:t,...> (their types as describe gives them, field names in their own
        case): written here element by element, a map's keys as DuckDB's text of them, a struct's null
        members kept (Spark's to_json drops them and writes its own numbers and timestamps inside);
      - any other type (an interval, a variant): Spark's to_json of the value (not checked against DuckDB).
    depth: how deep in arrays and maps the value is (their lambda variables are named by it).
-#}
{% macro spark_json_value(value_sql, type, depth=0) -%}
    {%- set kind = type.split('<')[0].split('(')[0] | trim | upper -%}
    {%- set inner = type[type.find('<') + 1:type.rfind('>')] if '<' in type else '' -%}
    {%- set type = type if inner else type | upper -%}
    {%- set decimal = decimal_shape(type) -%}
    {%- if kind == 'ARRAY' -%}
        {%- set element = 'json_element_' ~ depth -%}
        case when {{ value_sql }} is not null then concat('[', array_join(transform({{ value_sql }}, {{ element }} ->
            {{ spark_json_value(element, inner, depth + 1) }}), ',', 'null'), ']') else 'null' end
    {%- elif kind == 'MAP' -%}
        {%- set key_type, value_type = spark_type_parts(inner) -%}
        {%- set entry = 'json_entry_' ~ depth -%}
        case when {{ value_sql }} is not null then concat('{', array_join(transform(map_entries({{ value_sql }}), {{ entry }} ->
            concat({{ spark_json_scalar(spark_text_of(entry ~ '.key', key_type)) }}, ':',
                {{ spark_json_value(entry ~ '.value', value_type, depth + 1) }})), ','), '}') else 'null' end
    {%- elif kind == 'STRUCT' -%}
        coalesce({{ spark_json_object(value_sql, spark_struct_fields(inner), depth + 1) }}, 'null')
    {%- elif kind == 'BINARY' -%}
        {{ spark_json_scalar(spark_blob_text(value_sql, depth)) }}
    {%- elif kind == 'TIME' -%}
        {{ spark_json_scalar('cast(' ~ value_sql ~ ' as string)') }}
    {%- elif type in ('DOUBLE', 'FLOAT') -%}
        {%- set text = spark_shortest_number_text('cast(' ~ value_sql ~ ' as double)', 'DOUBLE') -%}
        coalesce({{ spark_duckdb_number(text, 'json') }}, 'null')
    {%- elif decimal and decimal[0] <= 15 -%}
        coalesce({{ spark_duckdb_number('cast(' ~ value_sql ~ ' as string)', 'json') }}, 'null')
    {%- elif decimal -%}
        coalesce({{ spark_decimal_text(value_sql, decimal[1]) }}, 'null')
    {%- elif type in ('TIMESTAMP_NTZ', 'DATE') -%}
        {{ spark_json_scalar('cast(' ~ value_sql ~ ' as string)') }}
    {%- elif type == 'TIMESTAMP' -%}
        {{ spark_json_scalar(spark_text_of(value_sql, type)) }}
    {%- else -%}
        {{ spark_json_scalar(value_sql) }}
    {%- endif -%}
{%- endmacro %}


{#-
    Spark: a decimal's plain text with its `scale` decimals, as DuckDB writes a decimal (0.000000001,
    -12.500000000, 123 at scale 0); null for null. Spark's text of a decimal is its Java BigDecimal's, in
    scientific notation below 1e-6 (1E-9, 0E-9): the unscaled digits are taken from it and the point put back.
-#}
{% macro spark_decimal_text(value_sql, scale) -%}
    transform(array(cast({{ value_sql }} as string)), decimal_text -> case when decimal_text is not null then
        transform(array(named_struct(
            'sign', case when decimal_text like '-%' then '-' else '' end,
            'digits', regexp_replace(regexp_replace(regexp_extract(decimal_text, '^-?([0-9.]+)', 1), '[.]', ''), '^0+', '')
        )), unscaled -> transform(array(named_struct(
            'sign', unscaled.sign,
            'digits', lpad(unscaled.digits, greatest(length(unscaled.digits), {{ scale + 1 }}), '0')
        )), padded -> padded.sign
            {%- if scale > 0 %} || substr(padded.digits, 1, length(padded.digits) - {{ scale }}) || '.'
            || substr(padded.digits, length(padded.digits) - {{ scale - 1 }})
            {%- else %} || padded.digits
            {%- endif %})[0])[0]
    end)[0]
{%- endmacro %}


{#- Spark: a scalar's JSON text as to_json writes it inside an array (to_json takes no scalar): "text", 3,
    true, null. -#}
{% macro spark_json_scalar(value_sql) -%}
    transform(array(to_json(array({{ value_sql }}))), in_array -> substr(in_array, 2, length(in_array) - 2))[0]
{%- endmacro %}


{#- Spark: a blob's text as DuckDB casts a BLOB to text: bytes 32 to 126 as their ASCII character but for
    the double quote, the single quote and the backslash; every other byte as a backslash, x and its two
    upper-case hex digits (\x01A\x5C); null for null. The backslash is char(92): a backslash in a literal
    would read differently in a model (spark_sql escapes DuckDB text) and in SQL written for Spark. -#}
{% macro spark_blob_text(value_sql, depth=0) -%}
    {%- set at = 'blob_byte_' ~ depth -%}
    case when length({{ value_sql }}) = 0 then '' else array_join(transform(sequence(1, length({{ value_sql }})), {{ at }} ->
        transform(array(named_struct('hex', hex(substr({{ value_sql }}, {{ at }}, 1)))), byte -> case
            when conv(byte.hex, 16, 10) between 32 and 126 and conv(byte.hex, 16, 10) not in (34, 39, 92)
                then char(cast(conv(byte.hex, 16, 10) as int))
            else concat(char(92), 'x', byte.hex)
        end)[0]), '') end
{%- endmacro %}


{#-
    Spark: a DOUBLE's (or FLOAT's) text with the fewest significant digits that read back as the same value
    (15 to 17 for a double, 6 to 9 for a float; trailing zeros then dropped by spark_duckdb_number), as DuckDB
    picks them; NaN, Infinity and -Infinity as such; null for null. Spark's own text of a double (Java's
    Double.toString on JDK 17) sometimes has a digit more than needed. Java's %e rounds that text again, so
    a double of 16 or 17 digits can get another last digit or a digit more here (0.3% of random
    full-precision doubles), and a subnormal other digits; each reads back as the same double
    (docs/DESIGN.md "Spark").
-#}
{% macro spark_shortest_number_text(value_sql, type) -%}
    {%- set digits = [6, 7, 8, 9] if type | upper == 'FLOAT' else [15, 16, 17] -%}
    transform(array({{ value_sql }}), shortest_of -> case when shortest_of is not null then coalesce(
        {%- for count in digits[:-1] %}
        case when try_cast(format_string('%.{{ count - 1 }}e', cast(shortest_of as double)) as {{ type }}) = shortest_of
            then format_string('%.{{ count - 1 }}e', cast(shortest_of as double)) end,
        {%- endfor %}
        format_string('%.{{ digits[-1] - 1 }}e', cast(shortest_of as double))
    ) end)[0]
{%- endmacro %}


{#-
    Spark: a value as DuckDB's cast to text writes it, where it differs from Spark's cast to string (a column
    typed in one raw file and text in another is read as text: spark__platform_raw_source), by its Spark type:
      - TIMESTAMP (an instant): its text in the session time zone and the zone's offset, +08 (minutes only
        when not :00);
      - DOUBLE, FLOAT: spark_duckdb_number('text') of its shortest digits (1e+20, 1.5e-07, 0.1, 100.0);
      - any other type: Spark's cast to string (the same text for whole numbers, decimals, booleans, dates and
        naive timestamps).
-#}
{% macro spark_text_of(value_sql, type) -%}
    {%- set type = type | upper -%}
    {%- if type == 'TIMESTAMP' -%}
        cast({{ value_sql }} as string) || regexp_replace(date_format({{ value_sql }}, 'xxx'), ':00$', '')
    {%- elif type in ('DOUBLE', 'FLOAT') -%}
        {{ spark_duckdb_number(spark_shortest_number_text(value_sql, type), 'text') }}
    {%- else -%}
        cast({{ value_sql }} as string)
    {%- endif -%}
{%- endmacro %}


{#-
    Spark: a number's text (Java's forms: 1.50, 1.0E20, 1.5e-07, -0.0; NaN and Infinity) laid out as DuckDB
    writes a double, its significant digits without trailing zeros; null for null.
      - layout 'json' (to_json): fixed notation from 1e-6 up to 1e21 (0.000001, 2.0,
        100000000000000000000.0), d.ddde<exponent> outside (1.5e-7, 1e21); NaN, Infinity, -Infinity;
      - layout 'text' (cast to varchar): fixed from 1e-4 up to 1e16 (0.0001, 1000000000000000.0),
        d.ddde<sign><two or more digits> outside (1e-05, 1e+16); nan, inf, -inf.
-#}
{% macro spark_duckdb_number(text_sql, layout) -%}
    {%- set fixed = [-6, 20] if layout == 'json' else [-4, 15] -%}
    transform(array({{ text_sql }}), number_text -> case
        when number_text is null then null
        when not number_text rlike '^-?[0-9]' then
            {%- if layout == 'json' %} number_text
            {%- else %} case number_text when 'NaN' then 'nan' when 'Infinity' then 'inf' else '-inf' end
            {%- endif %}
        else transform(array(named_struct(
            'sign', case when number_text like '-%' then '-' else '' end,
            'digits', regexp_replace(regexp_extract(number_text, '^-?([0-9]+[.]?[0-9]*)', 1), '[.]', ''),
            'point', length(regexp_extract(number_text, '^-?([0-9]+)', 1))
                + cast(coalesce(nullif(regexp_extract(number_text, '[eE][+]?(-?[0-9]+)$', 1), ''), '0') as int)
        )), parts -> transform(array(named_struct(
            'sign', parts.sign,
            'significant', regexp_replace(regexp_replace(parts.digits, '^0+', ''), '0+$', ''),
            'exponent', parts.point - 1 - (length(parts.digits) - length(regexp_replace(parts.digits, '^0+', '')))
        )), number -> case
            when number.significant = '' then number.sign || '0.0'
            when number.exponent between 0 and {{ fixed[1] }} then number.sign || case
                when length(number.significant) <= number.exponent + 1
                    then number.significant || repeat('0', number.exponent + 1 - length(number.significant)) || '.0'
                else substr(number.significant, 1, number.exponent + 1) || '.'
                    || substr(number.significant, number.exponent + 2)
            end
            when number.exponent between {{ fixed[0] }} and -1
                then number.sign || '0.' || repeat('0', -number.exponent - 1) || number.significant
            else number.sign || substr(number.significant, 1, 1)
                || case when length(number.significant) > 1 then '.' || substr(number.significant, 2) else '' end
                {%- if layout == 'json' %}
                || 'e' || cast(number.exponent as string)
                {%- else %}
                || 'e' || case when number.exponent < 0 then '-' else '+' end
                || case when abs(number.exponent) < 10 then '0' else '' end || cast(abs(number.exponent) as string)
                {%- endif %}
        end)[0])[0]
    end)[0]
{%- endmacro %}
