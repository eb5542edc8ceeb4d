package dev.athanor.orchestrator.github;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whether a delivery's repository (html_url or full_name) is a project's github_repo, however each is written. */
class GithubReposTest {

    private static boolean same(String project, String delivered) {
        return GithubRepos.parse(project).orElseThrow().same(GithubRepos.parse(delivered).orElseThrow());
    }

    @Test
    void the_same_repository_written_differently_matches() {
        assertTrue(same("https://github.com/Codertocat/Hello-World", "https://github.com/Codertocat/Hello-World"));
        assertTrue(same("https://github.com/codertocat/hello-world.git", "https://github.com/Codertocat/Hello-World"));
        assertTrue(same("http://GitHub.com/Codertocat/Hello-World/", "Codertocat/Hello-World"));
        assertTrue(same("git@github.com:Codertocat/Hello-World.git", "https://github.com/Codertocat/Hello-World"));
        assertTrue(same("https://ghe.example.com/team/app", "https://ghe.example.com/Team/App"));
        assertTrue(same("https://ghe.example.com:8443/team/app", "team/app"));
    }

    @Test
    void another_owner_name_or_host_does_not_match() {
        assertFalse(same("https://github.com/Codertocat/Hello-World", "https://github.com/Codertocat/Hello-Mars"));
        assertFalse(same("https://github.com/Codertocat/Hello-World", "Octocat/Hello-World"));
        assertFalse(same("https://ghe.example.com/Codertocat/Hello-World", "https://github.com/Codertocat/Hello-World"));
    }

    @Test
    void text_that_names_no_repository_is_none() {
        assertEquals(Optional.empty(), GithubRepos.parse(null));
        assertEquals(Optional.empty(), GithubRepos.parse(" "));
        assertEquals(Optional.empty(), GithubRepos.parse("https://github.com/Codertocat"));
        assertEquals(Optional.empty(), GithubRepos.parse("https://github.com/a/b/issues/1"));
        assertEquals(Optional.empty(), GithubRepos.parse("https://github.com"));
    }
}
