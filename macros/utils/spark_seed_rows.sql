{#-
    Spark (issue #12): dbt-spark's seed loader with each value written into the SQL as a literal instead
    of a binding. The session method formats bindings with Python's str(), so an empty CSV field became
    the text 'None' rather than null (dbt-labs/dbt-spark#901, "wontfix"), and a quote inside a value
    ended the literal. Here an empty field is null and every other value goes through sql_string, then
    the statement through spark_sql (Spark's escapes), like every model.
-#}
{% macro spark__load_csv_rows(model, agate_table) -%}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for col_name in agate_table.column_names -%}
                    {%- set type = column_override.get(col_name, adapter.convert_type(agate_table, loop.index0)) -%}
                    cast({{ 'null' if row[loop.index0] is none else sql_string(row[loop.index0]) }} as {{ type }})
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%})
                {%- if not loop.last %},{% endif %}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(spark_sql(sql), abridge_sql_log=True) -%}
        {%- if loop.first -%}
            {%- do statements.append(sql) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(statements[0] if statements else '') }}
{%- endmacro %}
