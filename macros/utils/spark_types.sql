{#-
    Spark types as `describe` gives them (issue #12): nested types are read here (spark_json_value writes
    their values as DuckDB's to_json does) and written back as SQL. Describe gives a struct's field names
    unquoted and in their own case (struct<a:int,中 文:string>); a name holding a comma, colon or angle
    bracket cannot be told apart from the type's syntax and is not supported.
-#}

{#- The parts of a Spark type's inner text split at its top-level commas ('int,struct<a:int,b:int>' ->
    ['int', 'struct<a:int,b:int>']; decimal(5,2) and `quoted, names` stay whole), trimmed. -#}
{% macro spark_type_parts(text) -%}
    {%- set parts = [''] -%}
    {%- set depth = [0] -%}
    {%- set quoted = [false] -%}
    {%- for character in text -%}
        {%- if character == '`' -%}
            {%- do quoted.append(not quoted.pop()) -%}
        {%- elif not quoted[0] and character in '<(' -%}
            {%- do depth.append(depth.pop() + 1) -%}
        {%- elif not quoted[0] and character in '>)' -%}
            {%- do depth.append(depth.pop() - 1) -%}
        {%- endif -%}
        {%- if character == ',' and depth[0] == 0 and not quoted[0] -%}
            {%- do parts.append('') -%}
        {%- else -%}
            {%- do parts.append(parts.pop() ~ character) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(parts | map('trim') | list) }}
{%- endmacro %}


{#- [[name, type], ...] of a Spark struct type's inner text ('a:int,`b c`:array<int>' -> [['a', 'int'],
    ['b c', 'array<int>']]): each field's name (unquoted) before its first ':' outside backquotes. -#}
{% macro spark_struct_fields(text) -%}
    {%- set fields = [] -%}
    {%- for part in spark_type_parts(text) if part -%}
        {%- set quoted = [false] -%}
        {%- set cut = [none] -%}
        {%- for character in part -%}
            {%- if character == '`' -%}
                {%- do quoted.append(not quoted.pop()) -%}
            {%- elif character == ':' and not quoted[0] and cut[0] is none -%}
                {%- do cut.append(loop.index0) -%}{%- do cut.pop(0) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set name = part[:cut[0]] | trim -%}
        {%- if name.startswith('`') and name.endswith('`') -%}
            {%- set name = name[1:-1] | replace('``', '`') -%}
        {%- endif -%}
        {%- do fields.append([name, part[cut[0] + 1:] | trim]) -%}
    {%- endfor -%}
    {{ return(fields) }}
{%- endmacro %}


{#- A Spark type as SQL (for a cast): a nested type's field names backquoted at every depth
    (struct<a:int,中 文:string> -> struct<`a`:int,`中 文`:string>), any other type as it is. -#}
{% macro spark_type_sql(type) -%}
    {%- set kind = type.split('<')[0] | trim | upper -%}
    {%- if '<' not in type -%}
        {{ return(type) }}
    {%- endif -%}
    {%- set inner = type[type.find('<') + 1:type.rfind('>')] -%}
    {%- if kind == 'STRUCT' -%}
        {%- set members = [] -%}
        {%- for name, member_type in spark_struct_fields(inner) -%}
            {%- do members.append('`' ~ name | replace('`', '``') ~ '`:' ~ spark_type_sql(member_type)) -%}
        {%- endfor -%}
        {{ return('struct<' ~ members | join(',') ~ '>') }}
    {%- else -%}
        {%- set parts = [] -%}
        {%- for part in spark_type_parts(inner) -%}
            {%- do parts.append(spark_type_sql(part)) -%}
        {%- endfor -%}
        {{ return(kind | lower ~ '<' ~ parts | join(',') ~ '>') }}
    {%- endif -%}
{%- endmacro %}
