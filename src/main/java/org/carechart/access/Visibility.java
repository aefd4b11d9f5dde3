package org.carechart.access;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which chart entries a decision lets the caller see, per category: {@code categories} are open, and
 * in those of them that are also in {@code sensitiveShown} entries marked sensitive show too; in the
 * other open categories they are hidden. The rule exists once, here, in two forms made from the same two sets: the Java test
 * {@link #shows(String, boolean)} for rows already read, and the SQL predicate {@link #sql(String)} for
 * lists, feeds and counts (where one list mixes categories, each entry is judged by its own category).
 * {@code SensitivePerCategoryTest.finding1_visibilitysSqlPredicateAndJavaTestAgree} runs the forms over every
 * category and sensitivity and checks they agree.
 */
public record Visibility(Set<DataCategory> categories, Set<DataCategory> sensitiveShown) {

    public static final Visibility NONE = new Visibility(Set.of(), Set.of());
    public static final Visibility EVERYTHING = new Visibility(DataCategory.ALL, DataCategory.ALL);

    public Visibility {
        categories = Set.copyOf(categories);
        sensitiveShown = Set.copyOf(sensitiveShown);
    }

    /**
     * The open categories, with sensitive entries shown in all of them or in none. (Not hiding shows
     * them in every category, so entries chosen one by one outside the open categories, as a share link
     * may, keep showing: the category half of the rule is then the caller's to place.)
     */
    public static Visibility of(Set<DataCategory> categories, boolean hideSensitive) {
        return new Visibility(categories, hideSensitive ? Set.of() : DataCategory.ALL);
    }

    /** The Java form of the rule. */
    public boolean shows(DataCategory category, boolean sensitive) {
        return category != null && categories.contains(category) && (!sensitive || sensitiveShown.contains(category));
    }

    public boolean shows(String categoryCode, boolean sensitive) {
        return DataCategory.fromCode(categoryCode).map(c -> shows(c, sensitive)).orElse(false);
    }

    /** True when sensitive entries hide in some open category (what a grant or link made under it must carry on). */
    public boolean hidesSomeSensitive() {
        return !sensitiveShown.containsAll(categories);
    }

    /**
     * The SQL form of the rule, over a row aliased {@code alias} with columns {@code category} and
     * {@code sensitive}. The codes are the enum's own, never input.
     */
    public String sql(String alias) {
        return "(" + categorySql(alias) + " and " + sensitiveSql(alias) + ")";
    }

    /** Only the category half: the row's category is open. */
    public String categorySql(String alias) {
        String open = codes(categories);
        return open.isEmpty() ? "false" : alias + ".category in (" + open + ")";
    }

    /** Only the sensitivity half: the row is not sensitive, or sensitive entries show in its category. */
    public String sensitiveSql(String alias) {
        String shown = codes(sensitiveShown);
        return shown.isEmpty() ? "not " + alias + ".sensitive"
                : "(not " + alias + ".sensitive or " + alias + ".category in (" + shown + "))";
    }

    /**
     * The same rule as SQL of constant text, for hot queries that PostgreSQL prepares once: over
     * chart_entry aliased {@code e}, with the two sets bound by {@link #params()}.
     */
    public static final String CONSTANT_SQL = "(e.category = any(string_to_array(:visOpen, ','))"
            + " and (not e.sensitive or e.category = any(string_to_array(:visShown, ','))))";

    /** The parameters of {@link #CONSTANT_SQL}: each set as one comma-separated list of codes. */
    public java.util.Map<String, Object> params() {
        return java.util.Map.of("visOpen", list(categories), "visShown", list(sensitiveShown));
    }

    private static String list(Set<DataCategory> categories) {
        return categories.stream().filter(c -> c != DataCategory.DEMOGRAPHICS).map(DataCategory::code).sorted()
                .collect(Collectors.joining(","));
    }

    private static String codes(Set<DataCategory> categories) {
        return categories.stream().filter(c -> c != DataCategory.DEMOGRAPHICS)
                .map(c -> "'" + c.code() + "'").sorted().collect(Collectors.joining(", "));
    }
}
