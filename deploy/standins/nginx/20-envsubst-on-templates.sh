#!/bin/sh
# As the official image's script of this name: every $NGINX_ENVSUBST_TEMPLATE_DIR/*.template
# (default /etc/nginx/templates) through envsubst, with only the defined environment
# variables replaced, into $NGINX_ENVSUBST_OUTPUT_DIR (default /etc/nginx/conf.d).
set -e
template_dir="${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}"
suffix="${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}"
output_dir="${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}"
filter="${NGINX_ENVSUBST_FILTER:-}"
[ -d "$template_dir" ] || exit 0
defined_envs=$(printf '${%s} ' $(awk "END { for (name in ENVIRON) { print ( name ~ /${filter}/ ) ? name : \"\" } }" </dev/null))
find "$template_dir" -follow -type f -name "*$suffix" -print | while read -r template; do
    relative_path="${template#"$template_dir/"}"
    output_path="$output_dir/${relative_path%"$suffix"}"
    mkdir -p "$output_dir/$(dirname "$relative_path")"
    echo "$0: $template -> $output_path"
    envsubst "$defined_envs" <"$template" >"$output_path"
done
