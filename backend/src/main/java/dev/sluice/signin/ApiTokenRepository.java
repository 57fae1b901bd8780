package dev.sluice.signin;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import dev.sluice.workspace.UserAccount;

interface ApiTokenRepository extends JpaRepository<ApiToken, Long> {

    Optional<ApiToken> findByTokenHash(String tokenHash);

    List<ApiToken> findByUserUsernameOrderByIdAsc(String username);

    List<ApiToken> findAllByOrderByIdAsc();

    @Query("select u from UserAccount u where u.username = ?1")
    Optional<UserAccount> findUser(String username);
}
